"""CPS101: as `neg_transform_bound_by_every_construction`, but one construction of the
class leaves the transform out (`Rows()`): that dataset's `__getitem__` skips the transform,
and `x += 1` changes its stored row on every read."""
import torch
from torch.utils.data import Dataset


class Scale:
    def __call__(self, x):
        return x * 2.0


class Rows(Dataset):
    def __init__(self, transform=None):
        self.transform = transform
        self.rows = torch.ones(4, 3)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        x = self.rows[i]
        if self.transform is not None:
            x = self.transform(x)
        x += 1  # expect: CPS101
        return x


def datasets():
    return [Rows(transform=Scale()), Rows()]

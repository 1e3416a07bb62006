"""Near-miss of CPS101: `x += 1` after `if self.transform: x = self.transform(x)`. Every
construction of the class in the project binds the transform to a new object of a class
defining neither `__bool__` nor `__len__` (`Scale()`), so it always tests true and `x` is
always the transform's new tensor, as with `is not None`."""
# near-miss: CPS101
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
        if self.transform:
            x = self.transform(x)
        x += 1
        return x


def datasets():
    return [Rows(transform=Scale())]

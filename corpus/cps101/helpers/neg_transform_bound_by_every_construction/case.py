"""Near-miss of CPS101: `x += 1` after `if self.transform is not None: x =
self.transform(x)`. Without the transform, `x` would be the stored row and the `+=` would
change it; but every construction of the class in the project binds the transform to a new
object (`Scale()`), so the test is always true and `x` is always the transform's new
tensor. The path without the transform does not exist in this project."""
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
        if self.transform is not None:
            x = self.transform(x)
        x += 1
        return x


def datasets():
    return [Rows(transform=Scale())]

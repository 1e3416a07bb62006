"""Near-miss of CPS101: the transform is passed by position through a local variable
(`augment = Jitter(0.1); Points(4, augment)`) at the one construction of the class, and
`__getitem__` tests `if self.augment is None:` with the transform in the `else`: the first
branch never runs, and the in-place `mul_` always works on the transform's new tensor."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


class Jitter:
    def __init__(self, sigma):
        self.sigma = sigma

    def __call__(self, points):
        return points + self.sigma


class Points(Dataset):
    def __init__(self, size, augment=None):
        self.data = torch.ones(size, 5, 3)
        self.augment = augment

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        points = self.data[i]
        if self.augment is None:
            pass
        else:
            points = self.augment(points)
        points.mul_(0.5)
        return points


def datasets():
    augment = Jitter(0.1)
    return [Points(4, augment)]

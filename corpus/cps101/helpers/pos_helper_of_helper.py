"""CPS101 two calls deep: `prepare` hands its argument to `scale`, which multiplies in place."""
import torch
from torch.utils.data import Dataset


def scale(t, factor):
    t *= factor
    return t


def prepare(t):
    return scale(t, 2.0)


class Samples(Dataset):
    def __init__(self):
        self.data = torch.ones(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        return prepare(self.data[idx])  # expect: CPS101

"""Near-miss of CPS101: the helper rebinds (`x = x - mean`) before changing in place."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


def standardize(x, mean=0.5, std=2.0):
    x = x - mean
    x /= std
    return x


class Samples(Dataset):
    def __init__(self):
        self.data = torch.ones(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        return standardize(self.data[idx])

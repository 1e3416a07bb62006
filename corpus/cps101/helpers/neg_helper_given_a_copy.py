"""Near-miss of CPS101: the mutating helper gets a real copy (`.clone()`)."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


def scale(t, factor):
    t *= factor
    return t


class Samples(Dataset):
    def __init__(self):
        self.data = torch.ones(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        return scale(self.data[idx].clone(), 3.0)

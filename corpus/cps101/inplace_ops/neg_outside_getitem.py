"""Near-miss of CPS101: in-place changes in `__init__` and in a helper `__getitem__` never calls."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.rand(4, 3)
        row = self.data[0]
        row -= row.mean()

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        return self.data[idx].clone()

    def normalize_(self, idx):
        x = self.data[idx]
        x /= x.norm()

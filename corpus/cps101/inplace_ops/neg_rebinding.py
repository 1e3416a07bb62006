"""Near-miss of CPS101: `x = x + 1` makes a new tensor; later in-place ops change only it."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx]
        x = x + 1
        x += 1
        x.mul_(2)
        return x

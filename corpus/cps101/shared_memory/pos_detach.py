"""CPS101: `.detach()` returns a tensor sharing the same storage."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].detach()
        x.add_(0.5)  # expect: CPS101
        return x

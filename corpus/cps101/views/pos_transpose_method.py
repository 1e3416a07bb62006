"""CPS101: `.transpose(0, 1)` is a view."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 2, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].transpose(0, 1)
        x.mul_(0).add_(2)  # expect: CPS101
        return x

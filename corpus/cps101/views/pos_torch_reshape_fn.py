"""CPS101: `torch.reshape` of a contiguous tensor is a view."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 2, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = torch.reshape(self.data[idx], (3, 2))
        x += 1  # expect: CPS101
        return x

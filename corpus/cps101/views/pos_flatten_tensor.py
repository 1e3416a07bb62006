"""CPS101: a tensor's `.flatten()` is a view when the tensor is contiguous."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 2, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].flatten()
        x += 1  # expect: CPS101
        return x

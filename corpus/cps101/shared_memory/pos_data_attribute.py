"""CPS101: `.data` is the same storage, not a copy."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].data
        x.fill_(7)  # expect: CPS101
        return x

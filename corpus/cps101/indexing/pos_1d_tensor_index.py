"""CPS101: indexing a 1-D tensor gives a 0-d view, so `+=` changes the stored tensor."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.targets = torch.zeros(4)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        y = self.targets[idx]
        y += 1  # expect: CPS101
        return y

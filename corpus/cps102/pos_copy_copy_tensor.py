"""CPS102: `copy.copy` of a tensor makes a new tensor object that shares the storage."""
import copy

import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = copy.copy(self.data[idx])
        x.add_(1)  # expect: CPS102
        return x

"""CPS102: a view of a `copy.copy`'d tensor still shares the stored storage."""
import copy

import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 2, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = copy.copy(self.data[idx]).view(-1)
        x += 1  # expect: CPS102
        return x

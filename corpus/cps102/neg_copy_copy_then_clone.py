"""Near-miss of CPS102: `copy.copy` of a tensor, then `.clone()`: the clone is independent."""
# near-miss: CPS102
import copy

import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = copy.copy(self.data[idx]).clone()
        x += 1
        return x

"""`copy.copy` of a stored tensor shares its storage: the fix clones it instead."""
import copy

import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].clone()
        x.add_(1)
        return x

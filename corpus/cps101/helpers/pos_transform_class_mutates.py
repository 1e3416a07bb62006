"""CPS101 through a transform: `AddNoise.__call__` changes its input with `add_`.

The transform is a class of this module stored on the dataset; `self.noise(x)` runs it on a
view of the stored data.
"""
import torch
from torch.utils.data import Dataset


class AddNoise:
    def __init__(self, amount):
        self.amount = amount

    def __call__(self, x):
        x.add_(self.amount)
        return x


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)
        self.noise = AddNoise(0.5)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        return self.noise(self.data[idx])  # expect: CPS101

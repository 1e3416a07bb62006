"""CPS101: a dataset whose base is imported as `from torch.utils.data import Dataset as DS`."""
import torch
from torch.utils.data import Dataset as DS


class Samples(DS):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx]
        x += 1  # expect: CPS101
        return x

"""CPS101: a class with `__getitem__` and `__len__` but no base is a map-style dataset too."""
import torch


class Samples:
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx]
        x += 1  # expect: CPS101
        return x

"""CPS101 through a method: `_get` returns a view of the stored tensor, and the caller adds to it."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def _get(self, idx):
        return self.data[idx]

    def __getitem__(self, idx):
        x = self._get(idx)
        x += 1  # expect: CPS101
        return x

"""Near-miss of CPS101: the cached method returns a tuple of ints; `+=` on it builds a new
tuple, so nothing the cache keeps can change."""
# near-miss: CPS101
from functools import cache

import torch
from torch.utils.data import Dataset


class Crops(Dataset):
    def __init__(self):
        self.images = torch.rand(4, 8, 8)

    def __len__(self):
        return len(self.images)

    @cache
    def _window(self, index):
        return (index % 2, 2)

    def __getitem__(self, index):
        window = self._window(index)
        window += (6,)
        start, _, stop = window
        return self.images[index, start:stop].clone()

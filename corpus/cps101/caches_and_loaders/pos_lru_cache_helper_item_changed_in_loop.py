"""CPS101 beyond `__getitem__`: `__getitem__` returns what the `@lru_cache`d `_decode` keeps,
so the training loop that scales the item in place scales the cached tensor, and the next
epoch reads it scaled already."""
from functools import lru_cache

import torch
from torch.utils.data import Dataset


class Spectra(Dataset):
    def __init__(self):
        self.sizes = [3, 3, 3, 3]

    def __len__(self):
        return len(self.sizes)

    @lru_cache(maxsize=None)
    def _decode(self, index):
        return torch.ones(self.sizes[index])

    def __getitem__(self, index):
        return self._decode(index)


def train():
    dataset = Spectra()
    for _ in range(2):
        for index in range(len(dataset)):
            spectrum = dataset[index]
            spectrum.mul_(0.5)  # expect: CPS101
            spectrum.sum().item()

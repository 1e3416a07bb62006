"""Near-miss of CPS101 beyond `__getitem__`: the same cached `_decode` behind `__getitem__`,
but the training loop scales a clone of the item."""
# near-miss: CPS101
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
            spectrum = dataset[index].clone()
            spectrum.mul_(0.5)
            spectrum.sum().item()

"""Near-miss of CPS101: the same cached `_load`, but `__getitem__` clones what the cache
hands out before shifting it, so the cached tensor stays as loaded."""
# near-miss: CPS101
import functools

import torch
from torch.utils.data import Dataset


class Clips(Dataset):
    def __init__(self):
        self.seeds = [0, 1, 2, 3]

    def __len__(self):
        return len(self.seeds)

    @functools.lru_cache(maxsize=None)
    def _load(self, index):
        return torch.full((3,), float(self.seeds[index]))

    def __getitem__(self, index):
        clip = self._load(index).clone()
        clip.add_(1)
        return clip

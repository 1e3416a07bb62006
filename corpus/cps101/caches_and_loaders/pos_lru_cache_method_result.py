"""CPS101 through a cache: `_load` is `@functools.lru_cache`d, so every read of an index gets
the same tensor back, and `__getitem__` shifts it in place: each read adds 1 again to what
the cache keeps."""
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
        clip = self._load(index)
        clip.add_(1)  # expect: CPS101
        return clip

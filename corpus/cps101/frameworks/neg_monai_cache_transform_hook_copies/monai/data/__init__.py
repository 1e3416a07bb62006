"""Stand-in for MONAI's `Dataset` and `CacheDataset` (not installed here), as in
`monai/data/dataset.py` (1.6.1): `__getitem__` calls `self._transform(index)`; the
transform given at construction is wrapped in a `Compose`. `Dataset._transform` hands
`self.data[index]` to it uncopied (lines 90-95); `CacheDataset` keeps its items in a cache
and, with `copy_cache` (the default), deep-copies one before its random transforms (line
956; here every transform counts as random). The linter never reads it: the framework table
says what it does."""
import copy

import torch

from monai.transforms import Compose


class Dataset(torch.utils.data.Dataset):
    def __init__(self, data, transform=None):
        self.data = data
        self.transform = transform if isinstance(transform, Compose) else Compose(transform)

    def __len__(self):
        return len(self.data)

    def _transform(self, index):
        data_i = self.data[index]
        return self.transform(data_i)

    def __getitem__(self, index):
        return self._transform(index)


class CacheDataset(Dataset):
    def __init__(self, data, transform=None, copy_cache=True):
        super().__init__(data, transform)
        self.copy_cache = copy_cache
        self._cache = list(data)

    def _transform(self, index):
        data = self._cache[index]
        data = copy.deepcopy(data) if self.copy_cache is True else data
        return self.transform(data)

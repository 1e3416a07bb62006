"""Stand-in for PyG's `Dataset` (the framework is not installed here): its `__getitem__` as
in `torch_geometric/data/dataset.py` (PyG 2.x), the integer-index path. The linter never
reads it: the framework table says what it does."""
import numpy as np
import torch


class Dataset(torch.utils.data.Dataset):
    def __init__(self, root=None, transform=None, pre_transform=None, pre_filter=None):
        self.root = root
        self.transform = transform
        self.pre_transform = pre_transform
        self.pre_filter = pre_filter
        self._indices = None

    def indices(self):
        return range(self.len()) if self._indices is None else self._indices

    def len(self):
        raise NotImplementedError

    def get(self, idx):
        raise NotImplementedError

    def __len__(self):
        return len(self.indices())

    def __getitem__(self, idx):
        if isinstance(idx, (int, np.integer)):
            data = self.get(self.indices()[idx])
            data = data if self.transform is None else self.transform(data)
            return data
        raise IndexError(idx)

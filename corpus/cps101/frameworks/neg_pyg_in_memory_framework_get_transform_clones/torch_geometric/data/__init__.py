"""Stand-in for PyG's `Data` and `InMemoryDataset` (the framework is not installed here), as
in `torch_geometric/data/data.py` and `in_memory_dataset.py` (PyG 2.x): a record whose
fields are set and read by attribute or by key, and a dataset keeping every graph collated
in `self._data` (`self.data`) with `self.slices`; `__getitem__` calls `get`, then the
transform, and the framework's own `get` hands out each field narrowed to the graph's rows
(`separate(..., decrement=False)`: views of the collated tensors). The linter never reads
it: the framework table says what it does."""
import numpy as np
import torch


class Data:
    def __init__(self, **fields):
        for key, value in fields.items():
            setattr(self, key, value)

    def keys(self):
        return list(vars(self))

    def __getitem__(self, key):
        return getattr(self, key)

    def __setitem__(self, key, value):
        setattr(self, key, value)


class Dataset(torch.utils.data.Dataset):
    def __init__(self, root=None, transform=None, pre_transform=None, pre_filter=None):
        self.root = root
        self.transform = transform

    def __len__(self):
        return self.len()

    def __getitem__(self, idx):
        if isinstance(idx, (int, np.integer)):
            data = self.get(idx)
            data = data if self.transform is None else self.transform(data)
            return data
        raise IndexError(idx)


class InMemoryDataset(Dataset):
    def __init__(self, root=None, transform=None, pre_transform=None, pre_filter=None):
        super().__init__(root, transform, pre_transform, pre_filter)
        self._data = None
        self.slices = None

    @property
    def data(self):
        return self._data

    @data.setter
    def data(self, value):
        self._data = value

    def len(self):
        return len(next(iter(self.slices.values()))) - 1

    def get(self, idx):
        data = Data()
        for key in self._data.keys():
            start, end = int(self.slices[key][idx]), int(self.slices[key][idx + 1])
            data[key] = self._data[key].narrow(0, start, end - start)
        return data

"""Near-miss of CPS101: an item of unknown kind (read from a storage object whose class the
linter cannot see) gets a method ending in `_` that is not a tensor's in-place method:
TensorDict's `unlock_()` flips a lock flag and its context manager restores it. Only torch's
own in-place tensor methods are taken as a change of a value of unknown kind."""
# near-miss: CPS101
import contextlib

import torch
from torch.utils.data import Dataset


class Record:
    """A lockable record, as TensorDict's `lock_()` / `unlock_()`."""

    def __init__(self, x):
        self.x = x
        self.locked = True

    @contextlib.contextmanager
    def _relock(self):
        try:
            yield self
        finally:
            self.locked = True

    def unlock_(self):
        self.locked = False
        return self._relock()


class ListStorage:
    """A storage that hands out its items by reference; what it holds is not known here."""

    def __init__(self):
        self._storage = []

    def add(self, item):
        self._storage.append(item)

    def __getitem__(self, index):
        return self._storage[index]


class Replay(Dataset):
    def __init__(self, storage=None):
        self._storage = storage if storage is not None else ListStorage()
        for i in range(4):
            self._storage.add(Record(torch.arange(3.0) + i))

    def __len__(self):
        return 4

    def __getitem__(self, index):
        data = self._storage[index]
        with data.unlock_():
            out = data.x * 2
        return out

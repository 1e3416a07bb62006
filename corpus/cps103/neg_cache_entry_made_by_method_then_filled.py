"""Near-miss of CPS103: the cache entry is made by a method of the dataset given its key
(`self._new_stats(name)` stores `{}` under `self._stats[name]` in its own body), and the
caller then fills it (`self._stats[name]["mean"] = ...`): the entry is a new object, as if
the caller had made it, so filling it changes nothing the dataset already held. The cache
is filled in `__init__`; `__getitem__` makes an entry only for a key it lacks."""
# near-miss: CPS103
import numpy as np
from torch.utils.data import Dataset


class Tiles(Dataset):
    def __init__(self):
        self.tiles = [np.full((2, 2), i, dtype=np.float32) for i in range(4)]
        self._stats = {}
        for index in range(len(self.tiles)):
            self._describe(index, f"tile-{index}")

    def __len__(self):
        return len(self.tiles)

    def _new_stats(self, key):
        self._stats[key] = {"reads": 0}

    def _describe(self, index, name):
        self._new_stats(name)
        self._stats[name]["mean"] = float(self.tiles[index].mean())
        return self._stats[name]

    def __getitem__(self, index):
        name = f"tile-{index}"
        if name not in self._stats:
            return self._describe(index, name)
        return dict(self._stats[name])

"""Near-miss of CPS103: a cache entry the method itself makes (`self._meta_cache[name] = {}`
or a copy of the item's metadata) and then fills (`self._meta_cache[name]["shape"] = ...`),
as MONAI's `PersistentDataset._create_new_cache` does. The entry is a new object stored
under that key a line before: filling it changes nothing the dataset already held. Here the
cache is filled in `__init__` and `__getitem__` only reads it; the path that makes an entry
is the same code, seen by the linter on every read."""
# near-miss: CPS103
import copy

import numpy as np
from torch.utils.data import Dataset


class Cached(Dataset):
    def __init__(self):
        self.items = [{"x": np.zeros((2, 3)), "meta": {"id": i}} for i in range(4)]
        self._meta_cache = {}
        for index in range(len(self.items)):
            self._create_new_cache(self.items[index], f"{index}-meta")

    def __len__(self):
        return len(self.items)

    def _create_new_cache(self, data, name):
        self._meta_cache[name] = copy.copy(data["meta"]) if "meta" in data else {}
        self._meta_cache[name]["shape"] = np.shape(data["x"])
        return self._meta_cache[name]

    def __getitem__(self, index):
        name = f"{index}-meta"
        if name not in self._meta_cache:
            return self._create_new_cache(self.items[index], name)
        return dict(self._meta_cache[name])

"""CPS103: as `neg_cache_entry_made_by_method_then_filled`, but the method makes an entry
only for a key it lacks (`if key not in self._stats:`): for a key filled before it leaves
the stored entry there, and the caller's `self._stats[name]["reads"] = ...` writes into
the stored entry on every read."""
import numpy as np
from torch.utils.data import Dataset


class Tiles(Dataset):
    def __init__(self):
        self.tiles = [np.full((2, 2), i, dtype=np.float32) for i in range(4)]
        self._stats = {f"tile-{i}": {"reads": 0} for i in range(4)}

    def __len__(self):
        return len(self.tiles)

    def _new_stats(self, key):
        if key not in self._stats:
            self._stats[key] = {"reads": 0}

    def __getitem__(self, index):
        name = f"tile-{index}"
        self._new_stats(name)
        self._stats[name]["reads"] = self._stats[name]["reads"] + 1  # expect: CPS103
        return self.tiles[index].copy()

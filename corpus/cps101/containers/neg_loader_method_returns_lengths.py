"""Near-miss of CPS101: as `pos_loader_method_returns_tuple`, but what `__getitem__` changes
is a length the loader method returns in a list of Python ints
(`[len(p) for p in parts]`): `n -= 1` rebinds the local name to a new int, and the stored
list keeps its lengths."""
# near-miss: CPS101
import numpy as np
from torch.utils.data import Dataset


class Clouds(Dataset):
    def get_data(self, count):
        parts = []
        for i in range(count):
            parts.append(np.zeros((4 + i, 3), dtype=np.float32))
        lengths = [len(p) for p in parts]
        return parts, lengths

    def __init__(self):
        self.data, self.lengths = self.get_data(2)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        n = self.lengths[index]
        n -= 1
        return self.data[index][:n].copy(), n

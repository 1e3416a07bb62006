"""Near-miss of CPS101: every step here is a real copy, so in-place changes stay local."""
# near-miss: CPS101
import copy

import numpy as np
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.arr = np.zeros((4, 2, 3), dtype=np.float32)
        self.data = torch.zeros(4, 2, 3)
        self.rows = [[1.0, 2.0] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        a = np.array(self.arr[idx])
        a += 1
        b = np.copy(self.arr[idx])
        b += 1
        c = self.arr[idx].astype(np.float32)
        c += 1
        d = self.arr[idx].flatten()
        d += 1
        e = torch.tensor(self.arr[idx])
        e += 1
        f = torch.clone(self.data[idx])
        f += 1
        g = self.data[idx].double()
        g += 1
        h = torch.as_tensor(self.rows[idx])
        h += 1
        i = np.asarray(self.rows[idx])
        i += 1
        j = copy.deepcopy(self.data[idx])
        j += 1
        return a, b, c, d, e, f, g, h, i, j

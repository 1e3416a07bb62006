"""CPS102: `list(l)` copies one level; `+=` on an ndarray element changes the stored one."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.items = [[np.zeros(3), np.zeros(3)] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        parts = list(self.items[idx])
        parts[0] += 1  # expect: CPS102
        return parts

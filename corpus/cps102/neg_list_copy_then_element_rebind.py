"""Near-miss of CPS102: after `l.copy()`, assigning a new element changes the copy only."""
# near-miss: CPS102, CPS103
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.items = [[np.zeros(3), np.zeros(3)] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        parts = self.items[idx].copy()
        parts[0] = parts[0] * 2 + 1
        parts.append(np.ones(1))
        return parts

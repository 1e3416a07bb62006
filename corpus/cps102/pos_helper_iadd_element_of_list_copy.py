"""CPS102 through a helper: `list(l)` copies one level, and `parts[0] += 1` in the helper
adds in place to the ndarray at that position, the stored one."""
import numpy as np
from torch.utils.data import Dataset


def shift(parts):
    parts[0] += 1
    return parts


class Samples(Dataset):
    def __init__(self):
        self.items = [[np.zeros(3), np.zeros(3)] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        parts = list(self.items[idx])
        return shift(parts)  # expect: CPS102

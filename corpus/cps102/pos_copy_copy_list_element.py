"""CPS102: `copy.copy` of a list of arrays shares the arrays (the seed's "shallow copy" meaning)."""
import copy

import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.items = [[np.zeros((2, 2))] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        parts = copy.copy(self.items[idx])
        parts[0][0] = 1  # expect: CPS102
        return parts

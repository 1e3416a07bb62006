"""CPS101: subscript assignment into an element of a stored list of arrays."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.items = [np.zeros((2, 3)) for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        first = self.items[idx][0]
        first[0] = 5  # expect: CPS101
        return first

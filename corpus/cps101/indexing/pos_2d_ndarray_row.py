"""CPS101: indexing a 2-D ndarray gives a row view (unlike a 1-D array's scalar)."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.arr = np.zeros((4, 3))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        row = self.arr[idx]
        row += 1  # expect: CPS101
        return row

"""CPS101: `np.copyto(dst, src)` writes into `dst`, here a stored row."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.arr = np.zeros((4, 3))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        row = self.arr[idx]
        np.copyto(row, np.ones(3))  # expect: CPS101
        return row

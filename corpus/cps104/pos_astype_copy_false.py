"""CPS104: `astype(t, copy=False)` returns the array itself when it already has dtype t."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, arr=None):
        self.arr = arr if arr is not None else np.zeros((4, 3), dtype=np.float32)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        row = self.arr[idx].astype(np.float32, copy=False)
        row += 1  # expect: CPS104
        return row

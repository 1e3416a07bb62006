"""CPS101: `np.asarray` of an ndarray returns the same array, not a copy."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.arr = np.zeros((4, 3), dtype=np.float32)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        row = np.asarray(self.arr[idx])
        row += 1  # expect: CPS101
        return row

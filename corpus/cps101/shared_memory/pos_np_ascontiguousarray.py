"""CPS101: `np.ascontiguousarray` of a contiguous row returns it unchanged (a view)."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.arr = np.zeros((4, 3), dtype=np.float32)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        row = np.ascontiguousarray(self.arr[idx])
        row *= 2  # expect: CPS101
        row -= 1  # expect: CPS101
        return row

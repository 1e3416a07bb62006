"""Near-miss of CPS104: `astype` without `copy=False` always copies."""
# near-miss: CPS104
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, arr=None):
        self.arr = arr if arr is not None else np.zeros((4, 3), dtype=np.float32)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        row = self.arr[idx].astype(np.float32)
        row += 1
        return row

"""Near-miss of CPS102: `ndarray.copy()` is a real copy, unlike `list.copy()`."""
# near-miss: CPS102, CPS101
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.arr = np.zeros((4, 3))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        row = self.arr[idx].copy()
        row += 1
        return row

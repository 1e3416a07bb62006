"""CPS101: `np.expand_dims` is a view."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.arr = np.zeros((4, 3))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = np.expand_dims(self.arr[idx], 0)
        x += 1  # expect: CPS101
        return x

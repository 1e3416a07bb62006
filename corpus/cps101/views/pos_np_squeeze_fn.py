"""CPS101: `np.squeeze` is a view."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.arr = np.zeros((4, 1, 3))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = np.squeeze(self.arr[idx])
        x += 1  # expect: CPS101
        return x

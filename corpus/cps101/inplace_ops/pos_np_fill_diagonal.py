"""CPS101: `np.fill_diagonal` writes into the stored matrix."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.mats = np.zeros((4, 3, 3))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        m = self.mats[idx]
        np.fill_diagonal(m, 1.0)  # expect: CPS101
        return m

"""Near-miss of CPS101: indexing a 1-D ndarray gives a NumPy scalar (a copy); `+=` rebinds."""
# near-miss: CPS101
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.targets = np.zeros(4)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        y = self.targets[idx]
        y += 1
        return y

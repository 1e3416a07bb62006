"""Near-miss of CPS102: the NumPy example of the DataLoader copies document, which claims a bug.

The document says `copy.copy` of an ndarray "retains references to the original underlying
data". Run it: `copy.copy(ndarray)` is a real copy (`ndarray.__copy__` copies the data), so
the stored arrays never change.
"""
# near-miss: CPS102, CPS101
import copy

import numpy as np
from torch.utils.data import Dataset


class MyDataset(Dataset):
    def __init__(self, num_samples=4):
        self.data = [np.random.rand(3, 4, 4) for _ in range(num_samples)]

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        sample = copy.copy(self.data[idx])  # Shallow copy
        sample[0] += 1  # In-place modification on the first channel
        return sample

"""Near-miss of CPS102: the document's fix, `copy.deepcopy`, copies at every level."""
# near-miss: CPS102
import copy

import numpy as np
from torch.utils.data import Dataset


class MyDataset(Dataset):
    def __init__(self, num_samples=4):
        self.data = [np.random.rand(3, 4, 4) for _ in range(num_samples)]

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        sample = copy.deepcopy(self.data[idx])  # Deep copy
        sample[0] += 1  # In-place modification on the first channel
        return sample

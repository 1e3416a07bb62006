"""CPS102: the tensor example of the DataLoader copies document, which claims it is safe.

The document says tensors are "immutable" so `copy.copy` is "just as good as
`copy.deepcopy()`". Run it: `copy.copy` of a tensor shares storage, and the stored tensors
are changed by every read.
"""
import copy

import torch
from torch.utils.data import Dataset


class MyDataset(Dataset):
    def __init__(self, num_samples=4):
        self.data = [torch.rand(3, 4, 4) for _ in range(num_samples)]

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        sample = copy.copy(self.data[idx])  # Shallow copy
        sample[0][0][0] += 1  # expect: CPS102
        return sample

"""CPS104: `.cuda()` (or `.float()`) returns the same tensor when nothing needs converting.

When the stored data lives on the GPU (made on the default device), `.cuda()` is a no-op;
when it lives on the CPU it already is float32, so `.float()` is one. The branch follows the
data, not the machine: on a GPU machine the CPU run must take the `.float()` branch.
"""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, data=None):
        self.data = data if data is not None else torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        if self.data.is_cuda:
            x = self.data[idx].cuda()
        else:
            x = self.data[idx].float()
        x += 1  # expect: CPS104
        return x

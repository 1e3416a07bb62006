"""CPS104: `.cuda()` (or `.float()`) returns the same tensor when nothing needs converting.

With CUDA the stored data is made on the GPU (the default device), so `.cuda()` is a no-op;
without CUDA the default data already is float32, so `.float()` is one.
"""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, data=None):
        self.data = data if data is not None else torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        if torch.cuda.is_available():
            x = self.data[idx].cuda()
        else:
            x = self.data[idx].float()
        x += 1  # expect: CPS104
        return x

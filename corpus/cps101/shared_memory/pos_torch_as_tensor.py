"""CPS101: `torch.as_tensor(ndarray)` shares the array's memory on the CPU.

On CUDA (default device cuda) `as_tensor` copies the array to the GPU, so nothing changes.
"""
# runtime[cuda]: unchanged
import numpy as np
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.arr = np.zeros((4, 3), dtype=np.float32)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        t = torch.as_tensor(self.arr[idx])
        t.add_(1)  # expect: CPS101
        return t

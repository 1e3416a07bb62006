"""CPS101: the legacy `torch.Tensor(ndarray)` constructor shares a float32 array's memory."""
import numpy as np
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.arr = np.zeros((4, 3), dtype=np.float32)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        t = torch.Tensor(self.arr[idx])
        t += 1  # expect: CPS101
        return t

"""CPS101: `torch.from_numpy` shares the array's memory; `mul_` changes the stored array."""
import numpy as np
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.items = [np.ones((2, 3), dtype=np.float32) for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        t = torch.from_numpy(self.items[idx])
        t.mul_(2)  # expect: CPS101
        return t

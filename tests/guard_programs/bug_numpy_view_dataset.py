"""A dataset hands out `torch.from_numpy` of a stored row and normalises it in place."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class Rows(Dataset):
    def __init__(self):
        self.rows = np.arange(24, dtype=np.float32).reshape(6, 4)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        row = torch.from_numpy(self.rows[index])
        row -= 1.0  # expect: CPS101
        return row


for batch in DataLoader(Rows(), batch_size=3):
    pass

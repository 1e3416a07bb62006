"""`.bfloat16()` of data that may already be bfloat16 may return the stored tensor: the fix
clones after converting."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, data=None):
        self.data = data if data is not None else torch.zeros(4, 3, dtype=torch.bfloat16)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        x = self.data[idx].bfloat16().clone()
        x += 1
        return x

"""Near-miss of CPS101: `.clone()` is a real copy; the stored tensor stays unchanged."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].clone()
        x += 1
        return x

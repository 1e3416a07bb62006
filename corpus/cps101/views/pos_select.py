"""CPS101: `.select(0, 0)` is a view (a 0-d tensor here)."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].select(0, 0)
        x += 1  # expect: CPS101
        return x

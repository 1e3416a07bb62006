"""CPS101: `.squeeze()` is a view."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 1, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].squeeze()
        x.sub_(1)  # expect: CPS101
        return x

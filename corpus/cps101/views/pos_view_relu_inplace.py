"""CPS101: `.view` is a view; `F.relu(..., inplace=True)` writes through it."""
import torch
import torch.nn.functional as F
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.full((4, 2, 3), -1.0)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].view(-1)
        F.relu(x, inplace=True)  # expect: CPS101
        return x

"""CPS101: `.expand` is a view (here without repeated elements, so in-place works)."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].expand(1, 3)
        x.add_(1)  # expect: CPS101
        return x

"""CPS101: base spelled `data.Dataset` after `from torch.utils import data`."""
import torch
from torch.utils import data


class Samples(data.Dataset):
    def __init__(self):
        self.values = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.values[idx]
        x.add_(1)  # expect: CPS101
        return x

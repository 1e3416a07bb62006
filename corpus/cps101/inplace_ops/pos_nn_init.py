"""CPS101: `torch.nn.init.*_` functions fill their argument in place."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx]
        torch.nn.init.normal_(x)  # expect: CPS101
        return x

"""CPS101: `out=` naming the alias writes the result into the stored tensor."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx]
        torch.add(x, 1, out=x)  # expect: CPS101
        return x

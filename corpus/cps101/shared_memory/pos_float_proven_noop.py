"""CPS101: `.float()` on data made by `torch.rand` (float32) is a no-op returning the same tensor."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].float()
        x *= 2  # expect: CPS101
        return x

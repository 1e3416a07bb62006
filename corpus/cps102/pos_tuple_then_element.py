"""CPS102: `tuple(l)` copies one level only; the tensor inside is the stored one."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.items = [[torch.zeros(3), torch.zeros(2)] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        parts = tuple(self.items[idx])
        parts[0].add_(1)  # expect: CPS102
        return parts

"""CPS102: `list.copy()` is shallow; changing an element in place reaches the stored list's element."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.items = [[torch.zeros(3), torch.zeros(3)] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        parts = self.items[idx].copy()
        parts[1].add_(1)  # expect: CPS102
        return parts

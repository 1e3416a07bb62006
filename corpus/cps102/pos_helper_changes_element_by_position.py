"""CPS102 through a helper: `list.copy()` is shallow, and `bump` changes the copy's element
it reads by position (`parts[1]`), which is the stored tensor."""
import torch
from torch.utils.data import Dataset


def bump(parts):
    parts[1].add_(1)
    return parts


class Samples(Dataset):
    def __init__(self):
        self.items = [[torch.zeros(3), torch.zeros(3)] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        parts = self.items[idx].copy()
        return bump(parts)  # expect: CPS102

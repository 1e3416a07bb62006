"""CPS101: slicing a stored row gives a view; subscript assignment writes through it."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 6)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        head = self.data[idx][:3]
        head[0] = 9  # expect: CPS101
        return head

"""CPS101: a stored row taken with plain indexing is a view; `+=` changes the dataset."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx]
        x += 1  # expect: CPS101
        return x

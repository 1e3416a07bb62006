"""Near-miss of CPS101: indexing with a boolean mask is advanced indexing, which copies."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        row = self.data[idx]
        big = row[row > 0.5]
        big += 1
        return big

"""Near-miss of CPS104: `.to(torch.float64)` / `.type(torch.float64)` of float32 data really convert."""
# near-miss: CPS104
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].to(torch.float64)
        x += 1
        y = self.data[idx].type(torch.float64)
        y += 1
        return x, y

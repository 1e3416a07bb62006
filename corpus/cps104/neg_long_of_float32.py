"""Near-miss of CPS104: `.long()` of float32 data really converts."""
# near-miss: CPS104
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].long()
        x += 1
        return x

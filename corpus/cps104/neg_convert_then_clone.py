"""Near-miss of CPS104: an unknown conversion followed by `.clone()` is always a copy."""
# near-miss: CPS104
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, data=None):
        self.data = data if data is not None else torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].to(torch.float32).clone()
        x *= 2
        return x

"""Near-miss of CPS104: after a maybe-no-op `.float()`, `x = x * 2` rebinds instead of writing."""
# near-miss: CPS104
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, data=None):
        self.data = data if data is not None else torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].float()
        x = x * 2
        x += 1
        return x

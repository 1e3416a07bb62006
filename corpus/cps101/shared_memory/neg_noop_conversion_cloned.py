"""Near-miss of CPS101: a no-op `.float()` followed by `.clone()` is a real copy."""
# near-miss: CPS101, CPS104
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].float().clone()
        x *= 2
        return x

"""CPS104: `.to(torch.float32)` returns the same tensor when it already is float32."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, data=None):
        self.data = data if data is not None else torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].to(torch.float32)
        x.add_(1)  # expect: CPS104
        return x

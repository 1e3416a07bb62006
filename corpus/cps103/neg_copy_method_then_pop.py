"""Near-miss of CPS103: `sample.copy()` then `.pop`: only the copy loses the key."""
# near-miss: CPS103
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.ones(3), "meta": "raw"} for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        sample = self.samples[idx].copy()
        sample.pop("meta")
        sample["extra"] = 1
        return sample

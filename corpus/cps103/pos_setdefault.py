"""CPS103: `.setdefault` adds a key to the stored sample."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.ones(3)} for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        sample = self.samples[idx]
        sample.setdefault("weight", 1.0)  # expect: CPS103
        return sample

"""CPS103 through a helper: `add_flag` writes a new entry into the stored sample dict."""
import torch
from torch.utils.data import Dataset


def add_flag(sample):
    sample["seen"] = sample.get("seen", 0) + 1
    return sample


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"x": torch.zeros(2)} for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        return add_flag(self.samples[idx])  # expect: CPS103

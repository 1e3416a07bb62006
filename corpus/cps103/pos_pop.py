"""CPS103: `.pop` on a stored dict sample removes the entry from the dataset."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.ones(3), "meta": "raw"} for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        sample = self.samples[idx]
        sample.pop("meta", None)  # expect: CPS103
        return sample

"""CPS103: an entry written in a dict nested in a stored sample."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.ones(3), "meta": {"scale": 1.0}} for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        meta = self.samples[idx]["meta"]
        meta["scale"] = meta["scale"] * 2  # expect: CPS103
        return meta

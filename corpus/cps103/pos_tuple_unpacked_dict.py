"""CPS103: a dict unpacked from a stored tuple sample gets a new entry."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.items = [(torch.ones(3), {"id": i}) for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        img, meta = self.items[idx]
        meta["seen"] = True  # expect: CPS103
        return img, meta

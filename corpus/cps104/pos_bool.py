"""CPS104: `.bool()` of a mask that already is bool."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, masks=None):
        self.masks = masks if masks is not None else torch.zeros(4, 3, dtype=torch.bool)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        m = self.masks[idx].bool()
        m.logical_not_()  # expect: CPS104
        return m

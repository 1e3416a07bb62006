"""CPS102: `collections.OrderedDict(sample)` copies one level only."""
import collections

import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.zeros(3), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        s = collections.OrderedDict(self.samples[idx])
        s["img"] += 1  # expect: CPS102
        return s

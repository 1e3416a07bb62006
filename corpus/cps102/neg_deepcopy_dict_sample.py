"""Near-miss of CPS102: `copy.deepcopy` of a dict sample copies its tensors too."""
# near-miss: CPS102
import copy

import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.zeros(3), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        s = copy.deepcopy(self.samples[idx])
        s["img"] += 1
        return s

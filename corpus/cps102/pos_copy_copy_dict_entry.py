"""CPS102: `copy.copy` of a dict sample shares its tensors."""
import copy

import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.full((3,), 5.0), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        s = copy.copy(self.samples[idx])
        s["img"].clamp_(0, 1)  # expect: CPS102
        return s

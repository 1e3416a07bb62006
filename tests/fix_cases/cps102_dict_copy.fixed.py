"""`dict.copy()` of a stored sample is shallow: the fix deep-copies the sample."""
import copy

import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.ones(3), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        sample = copy.deepcopy(self.samples[idx])
        sample["img"].mul_(2)
        return sample

"""Near-miss of CPS103: a deep copy may be written freely."""
# near-miss: CPS103
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
        sample.update(img=sample["img"] + 1)
        del sample["label"]
        return sample

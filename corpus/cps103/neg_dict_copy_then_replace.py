"""Near-miss of CPS103: `dict(sample)` is enough when entries are only replaced."""
# near-miss: CPS103
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.ones(3), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        sample = dict(self.samples[idx])
        sample["img"] = sample["img"] * 2
        sample.pop("label")
        return sample

"""CPS101: as `neg_transform_truth_tested_bound_by_every_construction`, but the bound
transform is a chain defining `__len__`, built empty (`Chain([])`): it tests false, the
`if self.transform:` branch is skipped, and `x += 1` changes the stored row on every read."""
import torch
from torch.utils.data import Dataset


class Chain:
    def __init__(self, steps):
        self.steps = steps

    def __len__(self):
        return len(self.steps)

    def __call__(self, x):
        for step in self.steps:
            x = step(x)
        return x


class Rows(Dataset):
    def __init__(self, transform=None):
        self.transform = transform
        self.rows = torch.ones(4, 3)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        x = self.rows[i]
        if self.transform:
            x = self.transform(x)
        x += 1  # expect: CPS101
        return x


def datasets():
    return [Rows(transform=Chain([]))]

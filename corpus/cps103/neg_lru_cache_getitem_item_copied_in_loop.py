"""Near-miss of CPS103 beyond `__getitem__`: the same cached `__getitem__`, but the loop
replaces the features in its own copy of the dict (`dict(sample)`), not in the cached one."""
# near-miss: CPS103, CPS102
from functools import lru_cache

import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __len__(self):
        return 4

    @lru_cache(maxsize=None)
    def __getitem__(self, index):
        return {"x": torch.full((3,), float(index)), "y": index % 2}


def train():
    dataset = Samples()
    for _ in range(2):
        for index in range(len(dataset)):
            sample = dataset[index]
            sample = dict(sample)
            sample["x"] = sample["x"] * 2
            (sample["x"].sum() + sample["y"]).item()

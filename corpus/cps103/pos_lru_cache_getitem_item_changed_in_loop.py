"""CPS103 beyond `__getitem__`: `__getitem__` is `@lru_cache`d, so every read of an index
hands out the same dict, and the training loop replaces its features in it: the next epoch
reads the scaled features and scales them again."""
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
            sample["x"] = sample["x"] * 2  # expect: CPS103
            (sample["x"].sum() + sample["y"]).item()

"""A cache filled during `__getitem__`, and a helper that pops from the cached list: the
stored list loses a shard on every read of its index."""
import torch
from torch.utils.data import Dataset


def load(index):
    return [torch.full((2,), float(index + k)) for k in range(3)]


def take(shards):
    return shards.pop()  # expect: CPS103


class Shards(Dataset):
    def __init__(self):
        self.cache = {}

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        if idx not in self.cache:
            self.cache[idx] = load(idx)
        shard = self.cache[idx]
        return take(shard)


data = Shards()
for epoch in range(2):
    for i in range(len(data)):
        data[i]

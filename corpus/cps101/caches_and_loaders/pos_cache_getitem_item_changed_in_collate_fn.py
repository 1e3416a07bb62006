"""CPS101 beyond `__getitem__`: `__getitem__` is `@functools.cache`d, so the loader hands the
collate function the cached tensors themselves, and normalising them in place there changes
what the dataset hands out next epoch."""
import functools

import torch
from torch.utils.data import DataLoader, Dataset


class Signals(Dataset):
    def __len__(self):
        return 4

    @functools.cache
    def __getitem__(self, index):
        return torch.arange(3, dtype=torch.float32) + index


def normalise(batch):
    for signal in batch:
        signal.sub_(signal.mean())  # expect: CPS101
    return torch.stack(batch)


def train():
    dataset = Signals()
    loader = DataLoader(dataset, batch_size=2, collate_fn=normalise)
    for _ in range(2):
        for batch in loader:
            batch.sum().item()

"""A cache of ndarrays filled during `__getitem__`, normalised in place by a helper with
numpy: the cached array drifts on every read."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def normalise(array):
    array -= array.mean()  # expect: CPS101
    return torch.from_numpy(array)


class Features(Dataset):
    def __init__(self):
        self.cache = {}

    def __len__(self):
        return 6

    def __getitem__(self, idx):
        if idx not in self.cache:
            self.cache[idx] = np.arange(4.0) + idx
        return normalise(self.cache[idx])


for batch in DataLoader(Features(), batch_size=2):
    pass

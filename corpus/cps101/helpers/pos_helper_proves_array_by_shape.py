"""CPS101 where only the helper's own code shows the argument is an array: the stored clouds
come from `np.concatenate` of a loader's chunks (dimensions unknown), so `self.clouds[i]`
alone may be a NumPy scalar; but `jitter` unpacks `pc.shape` into two names and `shift`
reads `pc.shape[0]` (a scalar's shape is `()`; a number has none), so each runs only on an
array, and their `pc += ...` change the stored row in place."""
import pickle

import numpy as np
from torch.utils.data import Dataset


def jitter(pc, sigma=0.01):
    n, c = pc.shape
    pc += sigma * np.ones((n, c))
    return pc


def shift(pc):
    count = pc.shape[0]
    pc -= np.full(pc.shape, 1.0 / count)
    return pc


def load_chunks():
    return pickle.loads(pickle.dumps([np.random.rand(2, 8, 3) for _ in range(2)]))


class Clouds(Dataset):
    def __init__(self):
        self.clouds = np.concatenate(load_chunks(), axis=0)

    def __len__(self):
        return len(self.clouds)

    def __getitem__(self, item):
        points = self.clouds[item]
        points = jitter(points)  # expect: CPS101
        points = shift(points)  # expect: CPS101
        return points

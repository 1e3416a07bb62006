"""Near-miss of CPS101: the stored labels of unknown dimensions are 1-D here, so
`self.labels[item]` is a NumPy scalar copy; the helper's `y += 1` proves nothing about its
argument (a number takes `+=` too) and only rebinds its own name. A helper that does prove
an array (`n, c = pc.shape`) is handed a copy."""
# near-miss: CPS101
import pickle

import numpy as np
from torch.utils.data import Dataset


def bump(y):
    y += 1
    return y


def jitter(pc, sigma=0.01):
    n, c = pc.shape
    pc += sigma * np.ones((n, c))
    return pc


def load_chunks():
    clouds = [np.random.rand(2, 8, 3) for _ in range(2)]
    labels = [np.arange(2.0) for _ in range(2)]
    return pickle.loads(pickle.dumps((clouds, labels)))


class Labelled(Dataset):
    def __init__(self):
        clouds, labels = load_chunks()
        self.clouds = np.concatenate(clouds, axis=0)
        self.labels = np.concatenate(labels, axis=0)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, item):
        label = bump(self.labels[item])
        points = jitter(self.clouds[item].copy())
        return points, label

"""Near-miss of CPS101: the same stored clouds of unknown dimensions, but the row is copied
before the helpers change it; and a label taken by one index alone may be a NumPy scalar
copy, so its `+=` rebinds (nothing proves it an array)."""
# near-miss: CPS101
import pickle

import numpy as np
from torch.utils.data import Dataset


def jitter(pc, sigma=0.01):
    pc += sigma * np.ones(pc.shape)
    return pc


def load_chunks():
    clouds = [np.random.rand(2, 8, 3) for _ in range(2)]
    labels = [np.arange(2.0) for _ in range(2)]
    return pickle.loads(pickle.dumps((clouds, labels)))


class Clouds(Dataset):
    def __init__(self, num_points=6):
        clouds, labels = load_chunks()
        self.clouds = np.concatenate(clouds, axis=0)
        self.labels = np.concatenate(labels, axis=0)
        self.num_points = num_points

    def __len__(self):
        return self.clouds.shape[0]

    def __getitem__(self, item):
        points = self.clouds[item][:self.num_points].copy()
        points = jitter(points)
        label = self.labels[item]
        label += 1
        return points, label

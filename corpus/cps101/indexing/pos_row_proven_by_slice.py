"""CPS101 where the stored array's dimensions are unknown: `np.concatenate` of chunks a loader
returns could be 1-D (then `self.clouds[i]` is a NumPy scalar copy) or more, but slicing
`self.clouds[i][:n]` only runs on an array (a NumPy scalar refuses a slice), so the row is a
view and the helpers' `+=` and `pc[:, [0, 2]] = ...` change the stored clouds."""
import pickle

import numpy as np
from torch.utils.data import Dataset


def rotate(pc):
    turn = np.array([[0.0, -1.0], [1.0, 0.0]])
    pc[:, [0, 2]] = pc[:, [0, 2]].dot(turn)
    return pc


def jitter(pc, sigma=0.01):
    pc += sigma * np.ones(pc.shape)
    return pc


def load_chunks():
    return pickle.loads(pickle.dumps([np.random.rand(2, 8, 3) for _ in range(2)]))


class Clouds(Dataset):
    def __init__(self, num_points=6):
        chunks = load_chunks()
        self.clouds = np.concatenate(chunks, axis=0)
        self.num_points = num_points

    def __len__(self):
        return self.clouds.shape[0]

    def __getitem__(self, item):
        points = self.clouds[item][:self.num_points]
        points = rotate(points)  # expect: CPS101
        points = jitter(points)  # expect: CPS101
        return points

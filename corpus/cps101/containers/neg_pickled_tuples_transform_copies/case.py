"""Near-miss of CPS101: as `pos_pickled_tuples_transform_bound.py`, but the transform makes
its own array first (`points = points.copy()`): the write fills the copy, the stored cloud
stays as loaded."""
# near-miss: CPS101
import io
import pickle

import numpy as np
from torch.utils.data import Dataset


def _saved():
    buffer = io.BytesIO()
    clouds = [(np.arange(24.0).reshape(4, 6) + i, i, "name") for i in range(4)]
    pickle.dump({"train": clouds, "test": clouds[:1]}, buffer)
    buffer.seek(0)
    return buffer


class Normalise:
    def __call__(self, points):
        points = points.copy()
        points[:, 0:3] = points[:, 0:3] - np.mean(points[:, 0:3], axis=0)
        return points


class FewShot(Dataset):
    def __init__(self, subset="train", transform=None):
        self.transform = transform
        self.dataset = pickle.load(_saved())[subset]

    def __len__(self):
        return len(self.dataset)

    def __getitem__(self, index):
        points, label, _ = self.dataset[index]
        if self.transform is not None:
            points = self.transform(points)
        return points[:, 0:3], label


def datasets():
    return [FewShot(transform=Normalise())]

"""CPS101: stored samples of unknown kind (a subscript of `pickle.load`), each unpacked into
its parts; the point cloud goes to the transform bound where the dataset is built, whose
`__call__` writes `points[:, 0:3] = ...`. Only an array takes that index, so the part is an
array, and the transform changes the stored cloud (the dataset itself never uses `points`
as an array before the transform re-binds the name)."""
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
        points[:, 0:3] = points[:, 0:3] - np.mean(points[:, 0:3], axis=0)  # expect: CPS101
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

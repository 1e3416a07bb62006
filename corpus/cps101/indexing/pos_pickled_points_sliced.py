"""CPS101: stored point clouds of unknown origin (`pickle.load`, unpacked from a tuple); a
local read from them is sliced as a 2-D array (`points[:, 0:3]`), so each element is an array,
and writing that slice through a helper changes the stored cloud (PointNet++'s ModelNet
loader normalises its cached points this way, through `__getitem__` calling `_get_item`)."""
import io
import pickle

import numpy as np
from torch.utils.data import Dataset


def _saved():
    buffer = io.BytesIO()
    clouds = [np.arange(18.0).reshape(3, 6) + i for i in range(4)]
    pickle.dump((clouds, list(range(4))), buffer)
    buffer.seek(0)
    return buffer


def pc_normalize(pc):
    return pc - np.mean(pc, axis=0)


class ModelNet(Dataset):
    def __init__(self):
        self.list_of_points, self.list_of_labels = pickle.load(_saved())

    def __len__(self):
        return len(self.list_of_labels)

    def _get_item(self, index):
        point_set, label = self.list_of_points[index], self.list_of_labels[index]
        point_set[:, 0:3] = pc_normalize(point_set[:, 0:3])
        return point_set, label

    def __getitem__(self, index):
        return self._get_item(index)  # expect: CPS101

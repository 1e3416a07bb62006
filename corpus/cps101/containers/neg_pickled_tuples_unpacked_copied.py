"""Near miss of `pos_pickled_tuples_unpacked`: the same stored tuples and the same evidence
that their first part is an array (`points[:, 0:3]`), but the write lands on
`points.copy()`: the stored clouds stay as they were."""
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


class FewShot(Dataset):
    def __init__(self, subset="train"):
        self.dataset = pickle.load(_saved())[subset]

    def __len__(self):
        return len(self.dataset)

    def __getitem__(self, index):
        points, label, _ = self.dataset[index]
        centroid = points[:, 0:3].mean(axis=0)
        cloud = points.copy()
        cloud[:, 0:3] -= centroid
        return cloud, label

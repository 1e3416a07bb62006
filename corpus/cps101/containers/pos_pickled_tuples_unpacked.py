"""CPS101: stored samples of unknown kind (a subscript of `pickle.load`), each unpacked into
its parts (`points, label, _ = self.dataset[index]`); slicing `points` in two dimensions
proves it an array, so the element holds an array there, and writing that slice changes the
stored cloud (the few-shot ModelNet loader of Point-BERT and Point-MAE normalises its
points this way, then keeps the first three columns with `points = points[:, 0:3]`)."""
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


def pc_normalize(pc):
    return pc - np.mean(pc, axis=0)


class FewShot(Dataset):
    def __init__(self, subset="train", use_normals=False):
        self.use_normals = use_normals
        self.dataset = pickle.load(_saved())[subset]

    def __len__(self):
        return len(self.dataset)

    def __getitem__(self, index):
        points, label, _ = self.dataset[index]
        points[:, 0:3] = pc_normalize(points[:, 0:3])  # expect: CPS101
        if not self.use_normals:
            points = points[:, 0:3]
        return points, label

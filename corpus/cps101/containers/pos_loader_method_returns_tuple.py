"""CPS101: the dataset's own method loads the clouds (`parts.append(block)` in a loop, then
`parts = np.concatenate(parts, axis=0)`) and returns them with the labels in a tuple,
unpacked into `self.data, self.labels = self.get_data(n)`: the stored array is what the
method returns, so `self.data[index]` is a row view, and the helper's `-=` centres the
stored cloud (valeoai/LightConvPoint's `Modelnet40_ply_hdf5_2048.get_data` with
`UnitBallNormalize`)."""
import numpy as np
from torch.utils.data import Dataset


def centre(cloud):
    cloud -= cloud.mean(axis=0)
    return cloud


class Clouds(Dataset):
    def get_data(self, count):
        parts = []
        labels = []
        for i in range(count):
            block = np.zeros((2, 5, 3)).astype("float32")
            block[:, :, 0] = np.arange(5) + i
            parts.append(block)
            labels.append(np.zeros(2))
        parts = np.concatenate(parts, axis=0)
        labels = np.concatenate(labels, axis=0)
        return parts, labels

    def __init__(self):
        self.data, self.labels = self.get_data(2)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return centre(self.data[index]), self.labels[index]  # expect: CPS101

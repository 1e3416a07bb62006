"""CPS101: a loader joins the clouds it appended to a list (`parts.append(x)` in a loop, then
`parts = np.concatenate(parts, axis=0)`, the name re-bound to the joined array) and returns
them in a tuple. The stored array has the members' three dimensions, so `self.points[i]` is a
2-D row view, and the helper's `+=` adds its noise to the stored cloud (DCP's ModelNet40
loader and `jitter_pointcloud`)."""
import numpy as np
from torch.utils.data import Dataset


def jitter(cloud, sigma=0.01):
    cloud += sigma * np.ones(cloud.shape)
    return cloud


def load_split(count):
    parts = []
    labels = []
    for _ in range(count):
        block = np.zeros((2, 5, 3)).astype("float32")
        parts.append(block)
        labels.append(np.zeros(2))
    parts = np.concatenate(parts, axis=0)
    labels = np.concatenate(labels, axis=0)
    return parts, labels


class Clouds(Dataset):
    def __init__(self):
        self.points, self.labels = load_split(2)

    def __len__(self):
        return 4

    def __getitem__(self, item):
        cloud = self.points[item]
        cloud = jitter(cloud)  # expect: CPS101
        return cloud, self.labels[item]

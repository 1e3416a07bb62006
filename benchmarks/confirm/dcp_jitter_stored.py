"""WangYueFt/dcp@bcd7def data.py:82 (ModelNet40 with `gaussian_noise`).

Shape: `__getitem__` takes `pointcloud = self.data[item][:self.num_points]` (a view of the array
`load_data` built with `np.concatenate`) and, with `--gaussian_noise`, calls
`jitter_pointcloud(pointcloud)`, a helper that adds clipped noise with `+=` to its argument.
The stored clouds take the noise: each read adds fresh noise to the accumulated noise of the
reads before (a random walk), in the training and the test partition alike (the test
partition's `np.random.seed(item)` comes after the jitter). WangYueFt/prnet's copy of the
class jitters only after `np.random.permutation(...)`, a copy, and is right.
"""
import numpy as np
from torch.utils.data import Dataset


def jitter_pointcloud(pointcloud, sigma=0.01, clip=0.05):  # the repository's helper
    N, C = pointcloud.shape
    pointcloud += np.clip(sigma * np.random.randn(N, C), -1 * clip, clip)
    return pointcloud


class ModelNet40(Dataset):
    def __init__(self, data, num_points, gaussian_noise=True):
        self.data, self.num_points, self.gaussian_noise = data, num_points, gaussian_noise

    def __getitem__(self, item):
        pointcloud = self.data[item][:self.num_points]
        if self.gaussian_noise:
            pointcloud = jitter_pointcloud(pointcloud)
        return np.random.permutation(pointcloud).astype("float32")

    def __len__(self):
        return self.data.shape[0]


np.random.seed(0)
data = np.concatenate([np.random.rand(4, 2048, 3).astype("float32")], axis=0)
original = data.copy()
ds = ModelNet40(data, 1024)
for epoch in range(1, 51):
    for i in range(len(ds)):
        ds[i]
    if epoch in (1, 10, 50):
        drift = np.abs(data[:, :1024] - original[:, :1024]).max()
        print(f"after {epoch:2d} epochs: stored points moved by up to {drift:.3f} "
              f"(one jitter is clipped at 0.05)")
print("points beyond num_points untouched:", np.array_equal(data[:, 1024:], original[:, 1024:]))
assert np.abs(data[:, :1024] - original[:, :1024]).max() > 0.05

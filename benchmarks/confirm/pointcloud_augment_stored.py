"""bulletPr/Unsupervised-learning-on-LoD3-building-point-cloud@72f9ff7 datasets/ArCH.py:68,70,72
(CPS101, true), and the same augmentation in datasets/ShapeNetCore.py:117,119 of that repository
and in antao97/UnsupervisedPointCloudReconstruction@9801940 dataset.py:117,119 (not reported).

Shape: `__getitem__` takes `self.data[index]` (a view of the array built at construction) and
augments it: random scale-and-shift written back through `point_set[:, 0:3] = ...` (ArCH), and
helpers that add clipped noise with `+=` and rotate through `pc[:, [0, 2]] = ...` on their
argument. The stored clouds accumulate the random augmentations epoch after epoch (the noise
is a random walk, the scale a product of random factors).
"""
import numpy as np
from torch.utils.data import Dataset


def scale_shift(pc):
    return (pc * np.random.uniform(2 / 3, 3 / 2, size=3) + np.random.uniform(-.2, .2, size=3)
            ).astype("float32")


def add_noise(pc, sigma=0.01, clip=0.02):
    pc += np.clip(sigma * np.random.randn(*pc.shape), -clip, clip)
    return pc


class WritesBack(Dataset):  # ArCH: the result assigned into the stored view
    def __init__(self, data):
        self.data = data

    def __getitem__(self, index):
        point_set = self.data[index]
        point_set[:, 0:3] = scale_shift(point_set[:, 0:3])
        return point_set

    def __len__(self):
        return len(self.data)


class HelperInPlace(Dataset):  # ShapeNetCore / antao97: the helper changes its argument
    def __init__(self, data, num_points):
        self.data, self.num_points = data, num_points

    def __getitem__(self, index):
        point_set = self.data[index][:self.num_points]
        point_set = add_noise(point_set)
        return point_set

    def __len__(self):
        return len(self.data)


np.random.seed(0)
original = np.random.rand(4, 32, 3).astype("float32")
for ds in (WritesBack(original.copy()), HelperInPlace(original.copy(), 32)):
    for epoch in range(50):
        for i in range(len(ds)):
            ds[i]
    drift = np.abs(ds.data - original).max()
    print(f"{type(ds).__name__}: stored clouds moved by up to {drift:.3f} after 50 epochs")
    assert drift > 0.05
print("CONFIRMED: the augmentations accumulate in the stored data")

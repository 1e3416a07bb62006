"""bulletPr/Unsupervised-learning-on-LoD3-building-point-cloud@72f9ff7 datasets/ArCH.py:68-72
and datasets/ShapeNetCore.py:117-119.

ArCH: `point_set = self.data[index]` (a row of the stored array) and then, with the
augmentation flags, `point_set[:,0:3] = translate_pointcloud(point_set[:,0:3])`: the
translated (and scaled) coordinates are written back into the stored cloud, so every read
scales and shifts the cloud the reads before left (a random walk of its size and place).
ShapeNetCore: `point_set = self.data[item][:self.num_points]` (a view) handed to
`pc_utils.rotate_pointcloud` (`pointcloud[:,[0,2]] = ...`) and `jitter_pointcloud` (`+=`):
the stored clouds turn and take noise read after read.
"""
import numpy as np


def translate_pointcloud(pointcloud):  # the repository's helper
    xyz1 = np.random.uniform(low=2. / 3., high=3. / 2., size=[3])
    xyz2 = np.random.uniform(low=-0.2, high=0.2, size=[3])
    return np.add(np.multiply(pointcloud, xyz1), xyz2).astype('float32')


def rotate_pointcloud(pointcloud):  # pc_utils.rotate_pointcloud
    theta = np.pi * 2 * np.random.rand()
    rotation_matrix = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    pointcloud[:, [0, 2]] = pointcloud[:, [0, 2]].dot(rotation_matrix)
    return pointcloud


class ArCH:
    def __init__(self, data):
        self.data = data

    def __getitem__(self, index):
        point_set = self.data[index]
        point_set[:, 0:3] = translate_pointcloud(point_set[:, 0:3])
        return point_set


class ShapeNetCore:
    def __init__(self, data, num_points):
        self.data, self.num_points = data, num_points

    def __getitem__(self, item):
        point_set = self.data[item][:self.num_points]
        return rotate_pointcloud(point_set)


np.random.seed(0)
data = np.random.rand(2, 64, 6).astype("float32")
original = data.copy()
arch = ArCH(data)
for _ in range(20):
    arch[0]
assert not np.allclose(data[0], original[0]), "ArCH: stored cloud unchanged"
print("ArCH: stored cloud 0 changed by reads; max |diff| =",
      float(np.abs(data[0] - original[0]).max()))
assert np.allclose(data[1], original[1])

data2 = np.random.rand(2, 64, 3)
original2 = data2.copy()
shapes = ShapeNetCore(data2, 32)
shapes[1]
assert not np.allclose(data2[1, :32], original2[1, :32]), "ShapeNetCore: unchanged"
print("ShapeNetCore: stored cloud 1 rotated in place by one read")

"""mlvlab/PointWOLF@7011bac data.py:79 (and the fork tangsankou/PointWOLF@0f12801 data.py:87):
`pointcloud = self.data[item][:self.num_points]` is a basic slice of the stored array (a
view), and `np.random.shuffle(pointcloud)` permutes its rows in place: the stored cloud's
points are reordered on every training read (the first `num_points` rows among
themselves), so the stored clouds drift from the files they came from read after read.

tangsankou/PointWOLF data.py:131 (`ModelNetDataLoaderC`): `pc = self.data[item][:, :3]`
(a view) and `pc[:, 0:3] = normalize_pointcloud(pc[:, 0:3])`, a helper centring and
scaling its argument in place (`-=`, `/=`): the stored cloud is normalised on the first
read; later reads normalise it again, which changes nothing more (idempotent), so the
write is real and its effect shows only on the first read.
"""
import numpy as np


class ModelNet40:  # data.py, the training path
    def __init__(self, data, num_points):
        self.data, self.num_points = data, num_points

    def __getitem__(self, item):
        pointcloud = self.data[item][:self.num_points]
        np.random.shuffle(pointcloud)
        return pointcloud


def normalize_pointcloud(pointcloud):  # tangsankou/PointWOLF data.py
    pointcloud -= pointcloud.mean(0)
    d = ((pointcloud ** 2).sum(-1) ** (1. / 2)).max()
    pointcloud /= d
    return pointcloud


class ModelNetDataLoaderC:
    def __init__(self, data):
        self.data = data

    def __getitem__(self, item):
        pc = self.data[item][:, :3]
        pc[:, 0:3] = normalize_pointcloud(pc[:, 0:3])
        return pc


np.random.seed(0)
stored = np.random.rand(2, 2048, 3).astype(np.float32)
original = stored.copy()
ds = ModelNet40(stored, 1024)
first = ds[0].copy()
assert np.shares_memory(ds[0], stored)
ds[0]
moved = float((stored[0, :1024] != original[0, :1024]).any(axis=1).mean())
print(f"PointWOLF: rows of the stored cloud's first 1,024 moved after two reads: {moved:.0%}")
assert moved > 0.9 and not np.array_equal(ds[0], first)

c = ModelNetDataLoaderC(original.copy())
c[1]
assert not np.allclose(c.data[1], original[1])
print("ModelNet-C loader: the stored cloud is normalised in place by the first read")
print("CONFIRMED: both loaders write into the stored clouds through views")

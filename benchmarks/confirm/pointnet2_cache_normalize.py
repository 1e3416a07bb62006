"""yanx27/Pointnet_Pointnet2_pytorch@eb64fe0 data_utils/ShapeNetDataLoader.py:105 (and the
same shape in ModelNetDataLoader.py:129, not reported): `point_set[:, 0:3] =
pc_normalize(point_set[:, 0:3])` writes into the array kept in `self.cache` (ModelNet:
`self.list_of_points`). The stored points change on the first read; normalising an already
normalised cloud gives the same cloud up to float32 rounding, so items differ only by ulps."""
import numpy as np
import torch.utils.data as data


def pc_normalize(pc):  # as in the repository
    centroid = np.mean(pc, axis=0)
    pc = pc - centroid
    m = np.max(np.sqrt(np.sum(pc ** 2, axis=1)))
    pc = pc / m
    return pc


class PartNormalDataset(data.Dataset):  # the cache path of ShapeNetDataLoader
    def __init__(self):
        rng = np.random.default_rng(0)
        self.raw = (rng.normal(size=(64, 7)) * 5 + 3).astype(np.float32)
        self.cache = {}

    def __getitem__(self, index):
        if index in self.cache:
            point_set, cls, seg = self.cache[index]
        else:
            data = self.raw.copy()  # np.loadtxt(...).astype(np.float32)
            point_set = data[:, 0:6]
            seg = data[:, -1].astype(np.int32)
            cls = np.array([0]).astype(np.int32)
            self.cache[index] = (point_set, cls, seg)
        point_set[:, 0:3] = pc_normalize(point_set[:, 0:3])
        return point_set.copy(), cls, seg  # copy here only to compare reads below

    def __len__(self):
        return 1


ds = PartNormalDataset()
reads = [ds[0][0] for _ in range(50)]
stored = ds.cache[0][0]
print("stored xyz changed from the file's:", not np.allclose(stored[:, :3], ds.raw[:, :3]))
print("max |read 1 - read 50|:", np.abs(reads[0] - reads[-1]).max())
assert not np.allclose(stored[:, :3], ds.raw[:, :3])
print("CONFIRMED: stored points are overwritten in place; later reads equal the first up to "
      "float32 rounding (idempotent transform)")

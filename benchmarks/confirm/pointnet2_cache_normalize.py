"""yanx27/Pointnet_Pointnet2_pytorch@eb64fe0 data_utils/ShapeNetDataLoader.py:105 (CPS101,
debatable) and ModelNetDataLoader.py:129 (same shape, not reported).

Shape: `__getitem__` takes the point array kept in a cache (ModelNet: in a list loaded from a
pickle) and writes the normalised xyz columns back into it through a slice assignment. The
stored points do change on the first read; normalising (centre, scale to the unit ball) an
already normalised cloud gives the same cloud up to float32 rounding, so later reads agree
with the first to about one ulp.
"""
import numpy as np
import torch.utils.data as data


def unit_ball(points):
    centred = points - points.mean(axis=0)
    return centred / np.sqrt((centred ** 2).sum(axis=1)).max()


class CachedParts(data.Dataset):
    def __init__(self):
        rng = np.random.default_rng(0)
        self.on_disk = (rng.normal(size=(64, 7)) * 5 + 3).astype(np.float32)
        self.cache = {}

    def __getitem__(self, index):
        if index not in self.cache:
            loaded = self.on_disk.copy()          # stands for np.loadtxt(...).astype(float32)
            self.cache[index] = (loaded[:, :6], loaded[:, -1].astype(np.int32))
        points, seg = self.cache[index]
        points[:, :3] = unit_ball(points[:, :3])  # written into the cached array
        return points.copy(), seg                 # copied here only to compare reads

    def __len__(self):
        return 1


ds = CachedParts()
reads = [ds[0][0] for _ in range(50)]
stored = ds.cache[0][0]
changed = not np.allclose(stored[:, :3], ds.on_disk[:, :3])
print("stored xyz differ from the file's:", changed)
print("max |read 1 - read 50|:", np.abs(reads[0] - reads[-1]).max())
assert changed
print("CONFIRMED: the cached points are overwritten in place; reads agree to float32 rounding "
      "(the transform is idempotent)")

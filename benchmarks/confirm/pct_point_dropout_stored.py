"""Strawberry-Eat-Mango/PCT_Pytorch@0199a3b data.py:70 (CPS101, true).

Shape: `ModelNet40.__getitem__` takes `self.data[item][:self.num_points]` (a basic slice, so a
view of the array loaded once by `load_data`) and passes it to `random_point_dropout`, which
overwrites a random fraction of the points with the first point through `pc[drop_idx, :] =
pc[0, :]` on its argument. The stored clouds lose points epoch after epoch: every training
read collapses more of them onto the first point, for good.
"""
import numpy as np
from torch.utils.data import Dataset


def random_point_dropout(pc, max_dropout_ratio=0.875):
    dropout_ratio = np.random.random() * max_dropout_ratio
    drop_idx = np.where(np.random.random((pc.shape[0])) <= dropout_ratio)[0]
    if len(drop_idx) > 0:
        pc[drop_idx, :] = pc[0, :]  # set to the first point
    return pc


def translate_pointcloud(pointcloud):
    xyz1 = np.random.uniform(low=2. / 3., high=3. / 2., size=[3])
    xyz2 = np.random.uniform(low=-0.2, high=0.2, size=[3])
    return np.add(np.multiply(pointcloud, xyz1), xyz2).astype('float32')


class ModelNet40(Dataset):
    def __init__(self, data, num_points, partition='train'):
        self.data, self.num_points, self.partition = data, num_points, partition

    def __getitem__(self, item):
        pointcloud = self.data[item][:self.num_points]
        if self.partition == 'train':
            pointcloud = random_point_dropout(pointcloud)
            pointcloud = translate_pointcloud(pointcloud)
            np.random.shuffle(pointcloud)
        return pointcloud

    def __len__(self):
        return self.data.shape[0]


np.random.seed(0)
original = np.random.rand(8, 1024, 3).astype("float32")
ds = ModelNet40(original.copy(), 1024)
for epoch in range(10):
    for i in range(len(ds)):
        ds[i]
distinct = [len(np.unique(ds.data[i], axis=0)) for i in range(len(ds))]
print(f"distinct points per stored cloud after 10 epochs: {distinct} (was 1024 each)")
assert max(distinct) < 1024 // 2
print("CONFIRMED: random_point_dropout collapses the stored clouds onto their first point")

"""CPS101: a base class's method reads a split into a dict of stacked arrays
(`{"points": np.stack(clouds), "labels": ...}`), and the subclass keeps what it returns
(`self.store = self.read_split(n)`): `self.store["points"][i]` is a view of the stored
array, and `np.random.shuffle` permutes the stored cloud's points in place."""
import numpy as np
from torch.utils.data import Dataset


class SplitReader(Dataset):
    def read_split(self, count):
        clouds = [np.arange(15, dtype=np.float32).reshape(5, 3) + i for i in range(count)]
        return {"points": np.stack(clouds), "labels": np.arange(count)}


class Shapes(SplitReader):
    def __init__(self):
        self.store = self.read_split(3)

    def __len__(self):
        return len(self.store["labels"])

    def __getitem__(self, index):
        cloud = self.store["points"][index]
        np.random.shuffle(cloud)  # expect: CPS101
        return cloud, self.store["labels"][index]

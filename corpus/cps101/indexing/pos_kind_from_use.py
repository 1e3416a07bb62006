"""CPS101 on stored data of unknown origin whose use shows an array: `self.volume` comes from
a loader the analysis cannot see, but `.shape` and `[:, 0:3]` slicing only exist on arrays,
so the row taken from it is a view."""
import pickle

import numpy as np
from torch.utils.data import Dataset


class Volumes(Dataset):
    def __init__(self):
        self.volume = pickle.loads(pickle.dumps(np.zeros((4, 6, 3), dtype=np.float32)))

    def __len__(self):
        return self.volume.shape[0]

    def __getitem__(self, index):
        corner = self.volume[index, 0:2]
        corner[:, 0:3] += 1  # expect: CPS101
        return corner

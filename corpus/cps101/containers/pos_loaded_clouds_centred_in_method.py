"""CPS101: stored clouds loaded whole (`torch.load` of a list: kind unknown to the linter),
read by a method of the dataset (`self.read(i)`, called from `__getitem__`) that hands the
cloud to a helper writing through `cloud[..., :3] -=`, an index only an array takes. What
the helper proves of the element holds in every method of the class, not in `__getitem__`
alone: the stored cloud is centred again on every read."""
import io

import numpy as np
import torch
from torch.utils.data import Dataset


def _saved():
    buffer = io.BytesIO()
    torch.save([np.arange(12.0).reshape(3, 4) * (i + 1) for i in range(3)], buffer)
    buffer.seek(0)
    return buffer


def centre(cloud):
    cloud[..., :3] -= cloud[..., :3].mean(axis=0) + 1.0
    return cloud


class Clouds(Dataset):
    def __init__(self):
        self.clouds = torch.load(_saved(), weights_only=False)

    def __len__(self):
        return len(self.clouds)

    def read(self, i):
        cloud = self.clouds[i]
        return torch.from_numpy(centre(cloud)).float()

    def __getitem__(self, i):
        return self.read(i)  # expect: CPS101

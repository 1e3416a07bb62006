"""CPS101: stored samples loaded whole (`torch.load` of a list of dicts: kind unknown to the
linter), the cloud read into a local, handed to a helper of the module and re-bound to its
result (`cloud = centre(cloud)`); the helper subtracts the mean through `cloud[..., :3] -=`,
an index only an array takes: the stored cloud is centred again on every read."""
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

    def __getitem__(self, i):
        cloud = self.clouds[i]
        cloud = centre(cloud)  # expect: CPS101
        return torch.from_numpy(cloud).float()

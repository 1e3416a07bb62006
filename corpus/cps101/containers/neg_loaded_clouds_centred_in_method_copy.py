"""Near-miss of CPS101: as `pos_loaded_clouds_centred_in_method`, but the method copies the
stored cloud before the helper centres it (`self.clouds[i].copy()`): the helper writes into
the copy."""
# near-miss: CPS101
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
        cloud = self.clouds[i].copy()
        return torch.from_numpy(centre(cloud)).float()

    def __getitem__(self, i):
        return self.read(i)

"""A MONAI `CacheDataset` that overrides `_transform` and, like MONAI's own `_transform`
with `copy_cache`, hands its transforms a deep copy of what it holds."""
import copy

import torch
from monai.data import CacheDataset


class CachedVolumes(CacheDataset):
    def __init__(self, transform=None):
        super().__init__(data=list(range(4)), transform=transform)
        self.volumes = torch.ones(4, 2, 2)

    def _transform(self, index):
        return self.transform(copy.deepcopy({"image": self.volumes[index]}))

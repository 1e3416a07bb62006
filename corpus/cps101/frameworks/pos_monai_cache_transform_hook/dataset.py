"""A MONAI `CacheDataset` that overrides `_transform` (the hook MONAI's `__getitem__`
calls) and hands its transforms a new dict holding a view of its stored volumes, without
the deep copy MONAI's own `_transform` makes of a cached item."""
import torch
from monai.data import CacheDataset


class CachedVolumes(CacheDataset):
    def __init__(self, transform=None):
        super().__init__(data=list(range(4)), transform=transform)
        self.volumes = torch.ones(4, 2, 2)

    def _transform(self, index):
        return self.transform({"image": self.volumes[index]})  # expect: CPS101

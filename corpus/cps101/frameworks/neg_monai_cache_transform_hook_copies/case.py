"""Near-miss of CPS101: the same `CacheDataset` hook and transform, but the hook deep-copies
the item first, so the transform scales only the copy."""
# near-miss: CPS101
from dataset import CachedVolumes
from transforms import ScaleImage


def datasets():
    return [CachedVolumes(transform=ScaleImage(2.0))]

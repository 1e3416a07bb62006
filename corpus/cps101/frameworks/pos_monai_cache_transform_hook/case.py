"""CPS101 through MONAI's `_transform` hook of a `CacheDataset` subclass: MONAI's
`__getitem__` (framework code, described by the framework table) calls the override, which
hands the transform given at construction a new dict holding a view of the stored volume;
the transform scales it in place. Reported on the transform's line, and in `dataset.py` on
the call of the transform in the hook."""
from dataset import CachedVolumes
from transforms import ScaleImage


def datasets():
    return [CachedVolumes(transform=ScaleImage(2.0))]

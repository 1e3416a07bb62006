"""CPS102 through MONAI's `_transform` hook: MONAI's `__getitem__` (framework code,
described by the framework table) calls `Volumes._transform`, which hands a new dict holding
a view of the stored volume to the transforms given at construction (composed by the
framework); `ScaleImaged` copies the dict one level only and scales its `image` entry in
place. Reported on the transform's line, and in `dataset.py` on the call of the transforms
in the hook."""
from dataset import Volumes
from transforms import ScaleImaged


def datasets():
    return [Volumes(transform=[ScaleImaged(factor=2.0)])]

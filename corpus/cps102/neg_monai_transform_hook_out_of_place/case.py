"""Near-miss of CPS102: the same MONAI `_transform` hook and dict copy, but the transform
replaces the `image` entry of its one-level copy with a new tensor: the stored volume and
the hook's dict keep theirs."""
# near-miss: CPS102
from dataset import Volumes
from transforms import ScaleImaged


def datasets():
    return [Volumes(transform=[ScaleImaged(factor=2.0)])]

"""Near-miss of CPS101: the same helper and mixin of other modules change the frame in
place, but `__getitem__` hands them a clone of the stored frame."""
# near-miss: CPS101
from dataset import Frames


def datasets():
    return [Frames()]

"""CPS101 in the module that makes the change: `Frames.__getitem__` hands a view of its
stored frames to `center`, a helper it imports from the project's `augment` package, and
then to `jitter`, a method its mixin base (another module) defines; both subtract in place.
Each change is reported on its own line in its own module, naming the line of `dataset.py`
the frame is read at, and in `dataset.py` on the call that hands the frame over."""
from dataset import Frames


def datasets():
    return [Frames()]

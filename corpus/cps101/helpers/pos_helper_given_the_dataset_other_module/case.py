"""CPS101 through a function of another module given the dataset itself: `augment(self,
index)` runs as a method of it, and hands the stored row to the dataset's own transform,
which scales it in place. Reported on the call in `dataset.py` (the transform's change is
in that module too)."""
from dataset import Rows


def datasets():
    return [Rows()]

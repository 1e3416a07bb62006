"""CPS102 through a transform list run by a hook: `CachedRecords._transform` (the hook the
base's `__getitem__` calls) hands each cached record to the transforms given at
construction; `Shift` copies the record with `dict(...)`, one level only, and its base
(another module) appends to the history list the copy shares with the cache. Reported on
the line that appends, in the base's module, naming the line of `dataset.py` the record is
read at, and in `dataset.py` on the call of the hook in `__getitem__`."""
import torch

from dataset import CachedRecords
from pipeline import Shift


def datasets():
    return [CachedRecords([{"x": torch.zeros(2)} for _ in range(3)], [Shift()])]

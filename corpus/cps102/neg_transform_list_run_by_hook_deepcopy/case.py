"""Near-miss of CPS102: the same hook and transforms, but the hook deep-copies the cached
record before the transforms run, so the history list they append to is the copy's."""
# near-miss: CPS102
import torch

from dataset import CachedRecords
from pipeline import Shift


def datasets():
    return [CachedRecords([{"x": torch.zeros(2)} for _ in range(3)], [Shift()])]

"""Near-miss of CPS101: the same `prepare_data` hook and transform, but the hook deep-copies
the stored entry first, so the transform scales only the copy."""
# near-miss: CPS101
from dataset import Boxes
from transforms import ScaleBoxes


def datasets():
    return [Boxes(pipeline=[ScaleBoxes(2.0)])]

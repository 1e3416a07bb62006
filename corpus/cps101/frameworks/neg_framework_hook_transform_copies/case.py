"""Near-miss of CPS101: the same framework hook and transform, but `get` hands out a copy
(`.clone()`), so the transform changes only the copy."""
# near-miss: CPS101
from dataset import Points
from transforms import Center


def datasets():
    return [Points(transform=Center())]

"""CPS101 through a framework hook: PyG's `__getitem__` (framework code, described by the
framework table) calls `Points.get`, which hands out a view of the stored points, and then
the transform given at construction, which changes them in place. Reported on the
transform's line."""
from dataset import Points
from transforms import Center


def datasets():
    return [Points(transform=Center())]

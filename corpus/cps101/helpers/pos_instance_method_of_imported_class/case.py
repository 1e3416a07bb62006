"""CPS101 through a method of an instance: `__getitem__` builds a `Standardizer` (a class
of another module of the project) and hands its `fit` a view of the stored clouds; `fit`
centres the array it is given in place, so the stored clouds are centred by the first read
(LightFedLab's `TorchKMeans().fit(w.detach().view(-1, 1))` doing `X -= X.mean(axis=0)`).
Reported on the call that hands the cloud over."""
from dataset import Clouds


def datasets():
    return [Clouds()]

"""Near-miss of CPS103: a container class of the dataset's shape (`__getitem__` and
`__len__`, no dataset base: a spec tree, a config) that a function builds and fills through
its items. Changing what it hands out is how it is filled; only classes deriving from a
dataset base are followed beyond `__getitem__` (torchrl's `Composite` specs). At run time
no dataset is built, so nothing stored by a dataset changes."""
# near-miss: CPS103
import torch


class Spec:
    def __init__(self):
        self._specs = {}

    def __len__(self):
        return len(self._specs)

    def __getitem__(self, key):
        return self._specs[key]

    def __setitem__(self, key, value):
        self._specs[key] = value


def train():
    spec = Spec()
    for key in [("obs", "pixels"), ("obs", "state"), ("reward",)]:
        if key[0] not in spec._specs:
            spec[key[0]] = {}
        spec[key[0]].update({key[1:]: torch.zeros(2)})
    return spec

"""CPS101 through PyG's own `InMemoryDataset.get` (a second spelling): the base imported
as `imd.InMemoryDataset`, the transform held in a local variable before the dataset is
built, and the change made by a helper (`x.mul_(keep)`) the transform hands the field to:
the stored features shrink at every read."""
from dataset import Citations
from transforms import DropFeatures


def datasets():
    tfm = DropFeatures(0.5)
    return [Citations("citations.pt", transform=tfm)]

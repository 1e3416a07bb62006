"""CPS101 through PyG's own `InMemoryDataset.get`: `Interactions` defines no `get`, so the
framework's hands out views of the collated `self.data` fields, and its `__getitem__`
applies the transform bound at construction, which writes the mask vector into the stored
edges (snap-stanford/pretrain-gnns' bio `BioDataset` with `MaskEdge`: a later read's label
is the mask class)."""
from dataset import Interactions
from transforms import MaskEdge


def datasets():
    return [Interactions("interactions.pt", transform=MaskEdge(0.15))]

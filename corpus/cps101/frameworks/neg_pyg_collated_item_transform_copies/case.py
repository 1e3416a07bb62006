"""Near-miss of CPS101: as `pos_pyg_collated_item_transform`, but `get` clones each slice
of the collated store (`item[tuple(s)].clone()`): the transform writes the mask token into
the item's own atoms, and the stored graphs stay as they were."""
# near-miss: CPS101
from dataset import Molecules
from transforms import MaskAtom


def datasets():
    return [Molecules("molecules.pt", transform=MaskAtom(119))]

"""CPS101 through PyG's collated store: `Molecules.get` hands out views of the collated
`self.data` fields (`item[tuple(s)]`, `s` a list of `slice` objects) in a new `Data`, and
PyG's `__getitem__` applies the transform bound at construction, which writes the mask
token into the stored atoms (Shen-Lab/GraphCL's chem `MoleculeDataset` with `MaskAtom`)."""
from dataset import Molecules
from transforms import MaskAtom


def datasets():
    return [Molecules("molecules.pt", transform=MaskAtom(119))]

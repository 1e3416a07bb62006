"""snap-stanford/pretrain-gnns@8b20528 chem/util.py:241,267 (MaskAtom) through chem/loader.py:292
(MoleculeDataset.get), and bio/util.py:100 (MaskEdge) through torch_geometric's
InMemoryDataset.get (CPS101 misses).

Shape: `get(idx)` slices every collated attribute with basic slices (`item[s]`, `s` a list of
`slice` objects), so `data.x` / `data.edge_attr` are views of the stored `self.data.x` /
`self.data.edge_attr`; the transform applied by torch_geometric's `Dataset.__getitem__` first
takes the labels (`data.x[atom_idx]`, `data.edge_attr[idx]`) and then writes the mask token into
the same rows. The stored graphs are masked for good, and a later read takes the mask token as
the label: atom type 119 (out of the 119 classes of `linear_pred_atoms`), or, in bio, edge class
`argmax([0,..,0,1]) = 8`. Hidden in the repositories' own runs (num_workers=8 without persistent
workers: every epoch starts from fresh copies in new workers); real with num_workers=0.
"""
import random
import warnings
from itertools import repeat

import torch


def get(store, slices, idx):  # MoleculeDataset.get, one attribute
    s = list(repeat(slice(None), store.dim()))
    s[0] = slice(slices[idx], slices[idx + 1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return store[s]


def mask_atom(x, num_atom_type=119, mask_rate=0.15):  # chem MaskAtom, node part
    idx = random.sample(range(x.size(0)), int(x.size(0) * mask_rate + 1))
    label = torch.cat([x[i].view(1, -1) for i in idx], dim=0)
    for i in idx:
        x[i] = torch.tensor([num_atom_type, 0])
    return label


def mask_edge(edge_attr, mask_rate=0.5):  # bio MaskEdge
    idx = [2 * i for i in random.sample(range(edge_attr.size(0) // 2),
                                        int(edge_attr.size(0) // 2 * mask_rate + 1))]
    label = torch.cat([edge_attr[i].view(1, -1) for i in idx], dim=0)
    for i in idx + [i + 1 for i in idx]:
        edge_attr[i] = torch.tensor([0, 0, 0, 0, 0, 0, 0, 0, 1], dtype=torch.float)
    return torch.argmax(label, dim=1)


random.seed(0)
x = torch.randint(0, 119, (40, 2))  # 4 molecules of 10 atoms, collated
x_slices = [0, 10, 20, 30, 40]
atom_labels = [mask_atom(get(x, x_slices, i % 4)) for i in range(40)]  # 10 epochs, num_workers=0
print("stored atoms now the mask token:", int((x[:, 0] == 119).sum()), "of 40")
out_of_range = int(sum((label[:, 0] == 119).sum() for label in atom_labels))
print("later labels equal to 119 (out of range):", out_of_range)
assert (x[:, 0] == 119).sum() > 10

edge_attr = torch.eye(9)[torch.randint(0, 7, (40,))].repeat_interleave(2, 0)  # both directions
e_slices = [0, 20, 40, 60, 80]
edge_labels = [mask_edge(get(edge_attr, e_slices, i % 4)) for i in range(40)]
mask_class = int(sum((label == 8).sum() for label in edge_labels))
print("later edge labels equal to the mask class 8:", mask_class)
assert mask_class > 0
print("CONFIRMED: the transforms mask the stored graphs; later labels are mask tokens")

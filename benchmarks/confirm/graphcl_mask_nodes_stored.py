"""Shen-Lab/GraphCL@b4d7501 semisupervised_TU/pre-training/tu_dataset.py:56 (get) and :278
(mask_nodes); the same shape in transferLearning_MoleculeNet_PPI/bio/loader.py:172/283 and
chem/loader.py:295/817. Not reported (a miss).

The chem instance goes through a transform instead: pretrain_masking.py builds
`MoleculeDataset(..., transform=MaskAtom(...))`; torch_geometric's `Dataset.__getitem__` applies
the transform to what `get` returns, and MaskAtom.__call__ (chem/util.py:241) writes
`data.x[atom_idx] = torch.tensor([self.num_atom_type, 0])` into the same view: with
num_workers=0 the stored atoms become mask tokens, and later epochs take the mask token as the
label to predict (out of the 119 classes).

Shape: a PyG InMemoryDataset whose `get(idx)` (the item hook the base class's `__getitem__`
calls) slices every stored attribute with basic slices (`item[s]`, `s` a sequence of `slice`
objects), so `data.x` is a view of the collated node-feature tensor `self.data.x`; the
`maskN` augmentation then writes mean tokens into it: `data.x[idx_mask] = token`. The stored
graphs lose node features epoch after epoch (the sibling unsupervised_TU/aug.py calls its
augmentations on `deepcopy(data)`, which is the fix).
"""
import warnings
from itertools import repeat

import numpy as np
import torch


def mask_nodes(x, aug_ratio):  # the repository's mask_nodes, on data.x
    node_num, feat_dim = x.size()
    mask_num = int(node_num * aug_ratio)
    token = x.mean(dim=0)
    idx_mask = np.random.choice(node_num, mask_num, replace=False)
    x[idx_mask] = token.clone().detach().to(torch.float32)
    return x


class TUDatasetLike:
    """Stored graphs collated into one tensor plus slices, as InMemoryDataset keeps them."""

    def __init__(self, x, slices):
        self.x, self.slices = x, slices

    def get(self, idx):
        item, slices = self.x, self.slices
        s = list(repeat(slice(None), item.dim()))
        s[0] = slice(slices[idx], slices[idx + 1])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # non-tuple sequence index: still basic indexing
            x = item[s]
        return mask_nodes(x, 0.2)

    def __getitem__(self, idx):  # torch_geometric.data.Dataset.__getitem__ -> self.get(idx)
        return self.get(idx)

    def __len__(self):
        return len(self.slices) - 1


class MaskAtom:  # chem/util.py, the node-feature part
    def __init__(self, num_atom_type, mask_rate):
        self.num_atom_type, self.mask_rate = num_atom_type, mask_rate

    def __call__(self, x):
        num_atoms = x.size()[0]
        masked = np.random.choice(num_atoms, int(num_atoms * self.mask_rate + 1), replace=False)
        label = torch.cat([x[i].view(1, -1) for i in masked], dim=0)
        for atom_idx in masked:
            x[atom_idx] = torch.tensor([self.num_atom_type, 0])
        return x, label


class MoleculeDatasetLike(TUDatasetLike):
    def __init__(self, x, slices, transform):
        super().__init__(x, slices)
        self.transform = transform

    def get(self, idx):  # chem/loader.py:895: slices only, no augmentation
        s = list(repeat(slice(None), self.x.dim()))
        s[0] = slice(self.slices[idx], self.slices[idx + 1])
        return self.x[tuple(s)]

    def __getitem__(self, idx):  # torch_geometric: transform(get(idx))
        return self.transform(self.get(idx))


torch.manual_seed(0)
np.random.seed(0)
atoms = torch.stack([torch.randint(0, 119, (60,)), torch.randint(0, 3, (60,))], dim=1)
mol = MoleculeDatasetLike(atoms.clone(), [0, 20, 40, 60], MaskAtom(119, 0.15))
labels = []
for epoch in range(10):
    for i in range(len(mol)):
        labels.append(mol[i][1][:, 0])
masked_share = (mol.x[:, 0] == 119).float().mean().item()
bad_labels = (torch.cat(labels[-3:]) == 119).float().mean().item()
print(f"chem: stored atoms replaced by the mask token after 10 epochs: {masked_share:.0%}; "
      f"labels of the last epoch that are the mask token: {bad_labels:.0%}")
assert masked_share > 0.5 and bad_labels > 0.3

x = torch.rand(60, 8)
ds = TUDatasetLike(x.clone(), [0, 20, 40, 60])
item = ds[0]
print("item shares storage with the stored features:",
      item.untyped_storage().data_ptr() == ds.x.untyped_storage().data_ptr())
for epoch in range(20):
    for i in range(len(ds)):
        ds[i]
changed = (ds.x != x).any(dim=1).float().mean().item()
spread = ds.x.std(dim=0).mean().item()
print(f"stored node rows changed after 20 epochs: {changed:.0%}; feature spread {spread:.4f} "
      f"(was {x.std(dim=0).mean().item():.4f})")
assert changed > 0.9
print("CONFIRMED: mask_nodes and MaskAtom overwrite the stored node features through the view")

"""A PyG in-memory dataset as research code writes it: every graph collated into
`self.data` (here built in place of `torch.load(path)`), and `get` slicing each field with
a list of `slice` objects and cloning each view: the item owns its tensors."""
from itertools import repeat

import torch
from torch_geometric.data import Data, InMemoryDataset


class Molecules(InMemoryDataset):
    def __init__(self, root, transform=None):
        super().__init__(root, transform)
        atoms = torch.stack([torch.arange(12) % 7, torch.zeros(12, dtype=torch.long)], dim=1)
        self.data = Data(x=atoms)
        self.slices = {"x": torch.tensor([0, 4, 8, 12])}

    def get(self, idx):
        data = Data()
        for key in self.data.keys():
            item, slices = self.data[key], self.slices[key]
            s = list(repeat(slice(None), item.dim()))
            s[0] = slice(slices[idx], slices[idx + 1])
            data[key] = item[tuple(s)].clone()
        return data

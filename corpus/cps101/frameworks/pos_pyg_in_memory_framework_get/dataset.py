"""A PyG in-memory dataset defining no `get` of its own: every graph's edges collated into
`self.data` (here built in place of `torch.load(path)`); PyG's own `InMemoryDataset.get`
hands out each field narrowed to the graph's rows (views of the collated tensors)."""
import torch
from torch_geometric.data import Data, InMemoryDataset


class Interactions(InMemoryDataset):
    def __init__(self, root, transform=None):
        super().__init__(root, transform)
        edge_attr = torch.eye(9)[torch.arange(12) % 7]
        self.data = Data(edge_attr=edge_attr, x=torch.ones(6, 1))
        self.slices = {"edge_attr": torch.tensor([0, 4, 8, 12]),
                       "x": torch.tensor([0, 2, 4, 6])}

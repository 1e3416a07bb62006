"""CPS101 through a stored record object: `x = self.graph.x` is the stored feature tensor,
and `.div_()` changes it for every later item."""
import torch
from torch.utils.data import Dataset


class Graph:
    def __init__(self, x=None, edge_index=None):
        self.x = x
        self.edge_index = edge_index


class Graphs(Dataset):
    def __init__(self):
        self.graph = Graph(x=torch.ones(4, 3), edge_index=torch.zeros(2, 4, dtype=torch.long))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.graph.x
        x.div_(2)  # expect: CPS101
        return x[idx]

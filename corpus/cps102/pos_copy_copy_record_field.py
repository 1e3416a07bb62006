"""CPS102 through `copy.copy` of a record object: the copy is a new object whose fields are
the same tensors, so a write through the copy's field changes the stored data."""
import copy

import torch
from torch.utils.data import Dataset


class Graph:
    def __init__(self, x=None, edge_index=None):
        self.x = x
        self.edge_index = edge_index


class Graphs(Dataset):
    def __init__(self):
        self.x = torch.ones(8, 3)
        self.edge_index = torch.zeros(2, 8, dtype=torch.long)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        graph = Graph(x=self.x[2 * idx:2 * idx + 2], edge_index=self.edge_index)
        out = copy.copy(graph)
        out.x[0] = 0  # expect: CPS102
        return out

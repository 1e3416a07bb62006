"""CPS102 through `copy.copy` of a stored record object: the copy's fields are the stored
tensors, so `.add_()` on a field of the copy changes the dataset."""
import copy

import torch
from torch.utils.data import Dataset


class Graph:
    def __init__(self, x=None):
        self.x = x


class Graphs(Dataset):
    def __init__(self):
        self.graph = Graph(x=torch.ones(4, 3))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        graph = copy.copy(self.graph)
        graph.x.add_(1)  # expect: CPS102
        return graph.x[idx]

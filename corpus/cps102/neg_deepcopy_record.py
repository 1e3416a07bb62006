"""Near-miss of CPS102: `copy.deepcopy` of a record object copies its tensors too, and a
field of a `copy.copy` rebound before the write holds a new tensor."""
# near-miss: CPS102
import copy

import torch
from torch.utils.data import Dataset


class Graph:
    def __init__(self, x=None):
        self.x = x


class Graphs(Dataset):
    def __init__(self):
        self.x = torch.ones(8, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        graph = Graph(x=self.x[2 * idx:2 * idx + 2])
        deep = copy.deepcopy(graph)
        deep.x[0] = 0
        shallow = copy.copy(graph)
        shallow.x = shallow.x.clone()
        shallow.x.add_(1)
        return deep, shallow

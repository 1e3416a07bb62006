"""Near-miss of CPS101: a record class that clones what it is given keeps no stored data,
and a stored record whose field is written only after a `.clone()`."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


class Graph:
    def __init__(self, x=None):
        self.x = x.clone()


class Holder:
    def __init__(self, x=None):
        self.x = x


class Graphs(Dataset):
    def __init__(self):
        self.x = torch.ones(8, 3)
        self.holder = Holder(x=torch.ones(4, 3))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        graph = Graph(x=self.x[2 * idx:2 * idx + 2])
        graph.x.add_(1)
        x = self.holder.x.clone()
        x.div_(2)
        return graph, x

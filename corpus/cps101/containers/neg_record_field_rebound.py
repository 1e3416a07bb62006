"""Near-miss of CPS101: rebinding a field of a new record object (`graph.x = ...`) changes
the record only; the write after it fills the new tensor."""
# near-miss: CPS101
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
        graph.x = torch.zeros(2, 3)
        graph.x[0] = 5
        graph.x.add_(1)
        return graph

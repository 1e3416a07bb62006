"""CPS101 through a record object: `Graph(x=self.x[a:b])` keeps the stored view as its field,
and writing through `graph.x` changes the dataset's features."""
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
        mask = torch.tensor([True, False])
        graph.x[mask] = 0  # expect: CPS101
        return graph

"""CPS101 through a field set after construction: `graph.x = self.x[s]` keeps the stored
view, and a write through `graph.x` changes the dataset."""
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
        graph = Graph()
        graph.x = self.x[2 * idx:2 * idx + 2]
        graph.x.mul_(2)  # expect: CPS101
        return graph

"""CPS101 through a field set after construction: `graph = Graph()` then `graph.x =
self.x[s]` keeps the stored view, and the helper given the graph scales `graph.x` in place."""
import torch
from torch.utils.data import Dataset


class Graph:
    def __init__(self, x=None):
        self.x = x


def scale(graph):
    graph.x.mul_(2)
    return graph


class Graphs(Dataset):
    def __init__(self):
        self.x = torch.ones(8, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        graph = Graph()
        graph.x = self.x[2 * idx:2 * idx + 2]
        return scale(graph)  # expect: CPS101

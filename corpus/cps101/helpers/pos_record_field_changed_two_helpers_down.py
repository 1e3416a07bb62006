"""CPS101 through two helpers and a record: `__getitem__` builds a new record whose field
`x` is a view of the stored features, `augment` hands it on to `jitter`, which adds noise to
`graph.x` in place (`add_`): the stored features drift read after read."""
import torch
from torch.utils.data import Dataset


class Graph:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def jitter(graph):
    graph.x.add_(0.01)


def augment(graph):
    jitter(graph)
    return graph


class Graphs(Dataset):
    def __init__(self):
        self.features = torch.zeros(8, 4)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        graph = Graph(self.features[2 * idx:2 * idx + 2], idx)
        return augment(graph)  # expect: CPS101

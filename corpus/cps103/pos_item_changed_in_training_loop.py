"""CPS103 beyond `__getitem__`: the dataset hands out its stored graph objects by reference
(through a `Subset` split), and the training loop pops the node features off the item, so
the stored graph loses them (the next epoch fails with a KeyError)."""
import torch
from torch.utils.data import Dataset, Subset


class Graph:
    def __init__(self, n):
        self.ndata = {"h": torch.ones(n, 3)}


class Molecules(Dataset):
    def __init__(self):
        self.graphs = [Graph(3) for _ in range(4)]
        self.labels = [torch.zeros(1) for _ in range(4)]

    def __len__(self):
        return len(self.graphs)

    def __getitem__(self, item):
        return self.graphs[item], self.labels[item]


def train():
    dataset = Molecules()
    for g, label in Subset(dataset, [0, 1, 2]):
        features = g.ndata.pop("h")  # expect: CPS103
        (features.sum() + label).item()

"""Near-miss of CPS103 beyond `__getitem__`: the loop reads the handed-out graph's features
without changing it, and changes only a copy of the label."""
# near-miss: CPS103, CPS101
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
        return self.graphs[item], self.labels[item].clone()


def train():
    dataset = Molecules()
    for g, label in Subset(dataset, [0, 1, 2]):
        features = g.ndata["h"]
        label += 1
        (features.sum() + label).item()

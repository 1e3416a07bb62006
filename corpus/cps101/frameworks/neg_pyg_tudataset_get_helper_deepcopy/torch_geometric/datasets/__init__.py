"""Stand-in for PyG's `TUDataset` (`torch_geometric/datasets/tu_dataset.py`): an
`InMemoryDataset` whose constructor loads the collated graphs into `self.data` and
`self.slices` (here made in place of the download and `torch.load`)."""
import torch
from torch_geometric.data import Data, InMemoryDataset


class TUDataset(InMemoryDataset):
    def __init__(self, root, name, transform=None):
        super().__init__(root, transform)
        self.name = name
        self.data = Data(x=torch.rand(12, 4), y=torch.tensor([0, 1, 0]))
        self.slices = {"x": torch.tensor([0, 4, 8, 12]), "y": torch.tensor([0, 1, 2, 3])}

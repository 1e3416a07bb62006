"""A PyG in-memory dataset defining no `get`, its base named through the module PyG keeps
it in; node features collated into `self.data`."""
import torch
from torch_geometric.data import Data
from torch_geometric.data import in_memory_dataset as imd


class Citations(imd.InMemoryDataset):
    def __init__(self, root, transform=None):
        super().__init__(root, transform)
        self.data = Data(x=torch.rand(12, 4) + 1.0)
        self.slices = {"x": torch.tensor([0, 4, 8, 12])}

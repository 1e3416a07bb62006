"""A MONAI dataset that overrides `_transform` (the hook MONAI's `__getitem__` calls): it
puts a view of its stored volumes into a new dict and hands it to its transforms."""
import torch
from monai.data import Dataset


class Volumes(Dataset):
    def __init__(self, transform=None):
        super().__init__(data=list(range(4)), transform=transform)
        self.volumes = torch.ones(4, 2, 2)

    def _transform(self, index):
        item = {"image": self.volumes[index], "index": index}
        return self.transform(item)  # expect: CPS102

"""`copy.copy(tensor)` shares the storage, not the version counter: still caught."""
import copy

import torch
from torch.utils.data import Dataset


class Images(Dataset):
    def __init__(self):
        self.images = torch.ones(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, index):
        image = copy.copy(self.images[index])
        image.mul_(2)  # expect: CPS102
        return image


data = Images()
for i in range(len(data)):
    data[i]

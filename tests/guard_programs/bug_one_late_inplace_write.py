"""A dataset that changes its stored data in one item only, long after its first items left
it alone: found, at the line that changed it only if the change comes again; here, once, it
is reported where the dataset hands out its items (the `def` of `__getitem__`)."""
import torch
from torch.utils.data import Dataset


class Images(Dataset):
    def __init__(self):
        self.images = torch.rand(160, 3, 4, 4)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):  # expect: CPS101
        image = self.images[index]
        if index != 120:
            image = image.clone()
        image.sub_(0.5)
        return image


data = Images()
for i in range(len(data)):
    data[i]

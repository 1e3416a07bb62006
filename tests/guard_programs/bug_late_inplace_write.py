"""A dataset whose first items copy before they normalise, and whose later items (a second
pass, here from index 100 on) normalise the stored images in place: the guards read the
first items without their torch function mode, and still place the change at its line."""
import torch
from torch.utils.data import Dataset


class Images(Dataset):
    def __init__(self):
        self.images = torch.rand(160, 3, 4, 4)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        image = self.images[index]
        if index < 100:
            image = image.clone()
        image.sub_(0.5)  # expect: CPS101
        return image


data = Images()
for i in range(len(data)):
    data[i]

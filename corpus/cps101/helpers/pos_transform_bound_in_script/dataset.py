"""A dataset that applies whatever transform it is given to its stored images."""
import numpy as np
from torch.utils.data import Dataset


class Digits(Dataset):
    def __init__(self, transform=None):
        self.images = np.ones((4, 6, 6), dtype=np.float32)
        self.transform = transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        img = self.images[idx]
        if self.transform is not None:
            img = self.transform(img)  # expect: CPS101
        return img

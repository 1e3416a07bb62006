"""CPS101: `.T` of an ndarray is a view."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.imgs = np.zeros((4, 3, 2))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        img = self.imgs[idx].T
        img += 1  # expect: CPS101
        return img

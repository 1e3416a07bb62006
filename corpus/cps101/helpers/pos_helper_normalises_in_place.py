"""CPS101 through a helper: `normalize` writes channel by channel into the array it is given.

`__getitem__` passes a row of the stored data straight in, so the stored data drifts.
"""
import numpy as np
from torch.utils.data import Dataset

MEAN = [0.5, 0.25, 0.125]


def normalize(im):
    for c in range(3):
        im[c] = im[c] - MEAN[c]
    return im


class Images(Dataset):
    def __init__(self):
        self.images = np.ones((4, 3, 2, 2))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        return normalize(self.images[idx])  # expect: CPS101

"""CPS101 through a function given the dataset itself: `jitter(self, idx)` runs as a method
of it, and its `dataset.boxes[idx] += 0.5` changes the stored boxes."""
import numpy as np
from torch.utils.data import Dataset


def jitter(dataset, idx):
    dataset.boxes[idx] += 0.5


class Boxes(Dataset):
    def __init__(self):
        self.boxes = np.zeros((4, 5, 4))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        jitter(self, idx)  # expect: CPS101
        return self.boxes[idx].copy()

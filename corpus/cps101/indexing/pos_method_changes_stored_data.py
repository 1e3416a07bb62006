"""CPS101 through a method that changes the stored data itself: `self.boxes[idx] += 0.5`."""
import numpy as np
from torch.utils.data import Dataset


class Boxes(Dataset):
    def __init__(self):
        self.boxes = np.zeros((4, 5, 4))

    def __len__(self):
        return 4

    def _jitter(self, idx):
        self.boxes[idx] += 0.5

    def __getitem__(self, idx):
        self._jitter(idx)  # expect: CPS101
        return self.boxes[idx].copy()

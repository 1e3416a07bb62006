"""CPS101 through two helpers of another module given the dataset itself: `augment(self,
idx)` runs as a method of it and calls its own module's `jitter(dataset, idx)`, whose
`dataset.boxes[idx] += 0.5` changes the stored boxes. The name `jitter` means the function
of the module the call is written in."""
import numpy as np
from torch.utils.data import Dataset

from steps import augment


class Boxes(Dataset):
    def __init__(self):
        self.boxes = np.zeros((4, 5, 4))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        augment(self, idx)  # expect: CPS101
        return self.boxes[idx].copy()

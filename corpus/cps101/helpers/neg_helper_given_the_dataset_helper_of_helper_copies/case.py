"""Near-miss of CPS101: as `pos_helper_given_the_dataset_helper_of_helper`, but the
`jitter` that `steps.augment` calls is the one of its own module, which shifts a copy; this
module's `jitter` writes into the stored boxes, and nothing here calls it."""
# near-miss: CPS101
import numpy as np
from torch.utils.data import Dataset

from steps import augment


def jitter(dataset, idx):
    dataset.boxes[idx] += 0.5


class Boxes(Dataset):
    def __init__(self):
        self.boxes = np.zeros((4, 5, 4))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        return augment(self, idx)

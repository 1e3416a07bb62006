"""Near-miss of CPS101: the helper changes only an array it made itself."""
# near-miss: CPS101
import numpy as np
from torch.utils.data import Dataset


def with_border(im):
    out = np.zeros((im.shape[0] + 2,))
    out[1:-1] = im
    out += 1
    return out


class Rows(Dataset):
    def __init__(self):
        self.rows = np.zeros((4, 3))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        return with_border(self.rows[idx])

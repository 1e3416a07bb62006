"""CPS102: `dict(sample)` copies one level; `+=` on an ndarray entry changes the stored array."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": np.zeros(3), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        s = dict(self.samples[idx])
        s["img"] += 1  # expect: CPS102
        return s

"""CPS101: `np.random.shuffle` shuffles a stored array in place."""
import numpy as np
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.items = [np.arange(6) for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        seq = self.items[idx]
        np.random.shuffle(seq)  # expect: CPS101
        return seq

"""Near-miss of CPS101: indexing with a list of indices is advanced indexing, which copies."""
# near-miss: CPS101
import numpy as np
from torch.utils.data import Dataset


class Frames(Dataset):
    def __init__(self):
        self.frames = np.zeros((4, 5, 3))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        picked = self.frames[idx][[0, 2, 4]]
        picked *= 2
        return picked

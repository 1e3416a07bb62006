"""CPS101: `.numpy()` of a CPU tensor is a view of its memory."""
import numpy as np
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.from_numpy(np.zeros((4, 3), dtype=np.float32))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        a = self.data[idx].numpy()
        a -= 1  # expect: CPS101
        return a

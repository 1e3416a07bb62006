"""CPS104: `.float()` of data whose dtype the code cannot know returns the same tensor when it
already is float32 — as it is with the default data here.
"""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, data=None):
        self.data = data if data is not None else torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].float()
        x *= 2  # expect: CPS104
        return x

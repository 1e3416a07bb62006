"""CPS104: `.long()` of labels that already are int64 (`torch.arange`) returns them; a 0-d view."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, labels=None):
        self.labels = labels if labels is not None else torch.arange(4)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        y = self.labels[idx].long()
        y += 1  # expect: CPS104
        return y

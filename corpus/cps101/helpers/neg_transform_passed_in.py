"""Near-miss of CPS101: a transform passed in from outside; its code is unknown here."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self, transform=None):
        self.data = torch.ones(4, 3)
        self.transform = transform or (lambda x: x * 2)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        return self.transform(self.data[idx])

"""CPS101: a subclass of a subclass of `Dataset` in the same file; data stored by the parent."""
import torch
from torch.utils.data import Dataset


class Base(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __len__(self):
        return len(self.data)


class Augmented(Base):
    def __getitem__(self, idx):
        x = self.data[idx]
        x += torch.ones(3)  # expect: CPS101
        return x

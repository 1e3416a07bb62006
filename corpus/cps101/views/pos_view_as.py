"""CPS101: `.view_as` is a view."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 6)
        self.shape = torch.empty(2, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].view_as(self.shape)
        x.neg_()  # expect: CPS101
        x.add_(1)  # expect: CPS101
        return x

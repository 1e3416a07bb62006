import torch
from torch.utils.data import Dataset

from steps import augment


class Scale:
    def __call__(self, row):
        row.mul_(2)
        return row


class Rows(Dataset):
    def __init__(self):
        self.rows = torch.ones(4, 3)
        self.scale = Scale()

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        return augment(self, index)  # expect: CPS101

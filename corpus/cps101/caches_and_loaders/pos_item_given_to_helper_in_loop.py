"""CPS101 beyond `__getitem__`: `__getitem__` returns a row of the stored tensor, and the
training loop hands it to `normalise`, which divides it in place: the next epoch reads the
row divided already."""
import torch
from torch.utils.data import Dataset


def normalise(row):
    row.div_(2)


class Rows(Dataset):
    def __init__(self):
        self.rows = torch.ones(4, 3)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        return self.rows[index]


def train():
    dataset = Rows()
    for _ in range(2):
        for index in range(len(dataset)):
            row = dataset[index]
            normalise(row)  # expect: CPS101
            row.sum().item()

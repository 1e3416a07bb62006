"""Near-miss of CPS101: the same template method, but the subclass keeps the base's `load`,
which clones the row, and its own override changes a clone too."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


class Rows(Dataset):
    def __len__(self):
        return 4

    def load(self, i):
        return self.rows[i].clone()

    def __getitem__(self, i):
        x = self.load(i)
        x += 1
        return x


class PlainRows(Rows):
    def __init__(self):
        self.rows = torch.zeros(4, 3)


class ShiftedRows(Rows):
    def __init__(self):
        self.rows = torch.zeros(4, 3)

    def load(self, i):
        x = self.rows[i].clone()
        x -= 1
        return x


def datasets():
    return [PlainRows(), ShiftedRows()]

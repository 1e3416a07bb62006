"""Near-miss of CPS101: the same template method, but one subclass keeps the base's `load`,
which clones the row, and the other's override changes a clone too."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


class Rows(Dataset):
    def __init__(self):
        self.rows = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def load(self, i):
        return self.rows[i].clone()

    def __getitem__(self, i):
        x = self.load(i)
        x += 1
        return x


class PlainRows(Rows):
    pass


class ShiftedRows(Rows):
    def load(self, i):
        x = self.rows[i].clone()
        x -= 1
        return x

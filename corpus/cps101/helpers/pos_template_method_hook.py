"""CPS101 through a template method: the base class's `__getitem__` calls `self.load(i)`,
and the subclass's override hands out a view of its stored rows after changing it in place.
Reported at the call in the base's `__getitem__`, naming the override's line."""
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
        return self.load(i)  # expect: CPS101


class NoisyRows(Rows):
    def load(self, i):
        x = self.rows[i]
        x += 1
        return x

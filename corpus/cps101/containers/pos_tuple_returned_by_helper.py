"""CPS101 through a tuple a helper method returns: unpacked (`x, y = self._load(i)`) or
indexed (`pair[0]`), its parts are views of the stored tensors."""
import torch
from torch.utils.data import Dataset


class Pairs(Dataset):
    def __init__(self):
        self.x = torch.zeros(4, 3)
        self.y = torch.zeros(4, 2)

    def __len__(self):
        return 4

    def _load(self, i):
        return self.x[i], self.y[i]

    def __getitem__(self, i):
        x, y = self._load(i)
        x.add_(1)  # expect: CPS101
        pair = self._load(i)
        pair[1].mul_(2)  # expect: CPS101
        return x, y

"""Near-miss of CPS101: the helper method returns copies (`.clone()`), so changing the
unpacked or indexed parts in place changes nothing stored."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


class Pairs(Dataset):
    def __init__(self):
        self.x = torch.zeros(4, 3)
        self.y = torch.zeros(4, 2)

    def __len__(self):
        return 4

    def _load(self, i):
        return self.x[i].clone(), self.y[i].clone()

    def __getitem__(self, i):
        x, y = self._load(i)
        x.add_(1)
        pair = self._load(i)
        pair[1].mul_(2)
        return x, y

"""Near-miss of CPS101: `__getitem__` in a class without `__len__` (and no Dataset base).

Such a class is not a map-style dataset (a DataLoader cannot use it), so the dataset rules
do not apply; the runner has no dataset to observe.
"""
# near-miss: CPS101
import torch


class Grid:
    def __init__(self):
        self.cells = torch.zeros(4, 3)

    def __getitem__(self, idx):
        cell = self.cells[idx]
        cell += 1
        return cell

"""Near miss of CPS101: `torch.roll` returns a new tensor (a measured API fact), so `add_`
changes only the rolled copy."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


class Series(Dataset):
    def __init__(self):
        self.series = torch.arange(12, dtype=torch.float32).reshape(3, 4)

    def __len__(self):
        return 3

    def __getitem__(self, idx):
        shifted = torch.roll(self.series[idx], 1)
        shifted.add_(1)
        return shifted

"""CPS101: the pieces `torch.chunk` returns are views (a measured API fact); `mul_` on one
changes the stored points."""
import torch
from torch.utils.data import Dataset


class Points(Dataset):
    def __init__(self):
        self.points = torch.arange(24, dtype=torch.float32).reshape(4, 6)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        xyz, rgb = torch.chunk(self.points[idx], 2)
        rgb.mul_(2)  # expect: CPS101
        return xyz, rgb

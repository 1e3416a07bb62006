"""CPS101: `Tensor.movedim` returns a view (a measured API fact): `add_` changes the stored
frames."""
import torch
from torch.utils.data import Dataset


class Frames(Dataset):
    def __init__(self):
        self.frames = torch.zeros(3, 2, 4, 4)

    def __len__(self):
        return 3

    def __getitem__(self, idx):
        chw = self.frames[idx].movedim(-1, 0)
        chw.add_(0.5)  # expect: CPS101
        return chw

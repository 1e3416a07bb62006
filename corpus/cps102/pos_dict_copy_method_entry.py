"""CPS102: `dict.copy()` is shallow; `mul_` on a tensor entry changes the stored tensor."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.ones(3), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        s = self.samples[idx].copy()
        s["img"].mul_(2)  # expect: CPS102
        return s

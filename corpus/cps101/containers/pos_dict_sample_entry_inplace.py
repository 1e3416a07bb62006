"""CPS101: an entry of a stored dict sample changed in place."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.full((3,), 2.0), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        img = self.samples[idx]["img"]
        img.clamp_(0, 1)  # expect: CPS101
        return img

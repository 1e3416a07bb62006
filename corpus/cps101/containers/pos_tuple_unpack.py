"""CPS101: tuple-unpacked samples are still the stored tensors."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.items = [(torch.zeros(3), i) for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        img, label = self.items[idx]
        img.add_(1)  # expect: CPS101
        return img, label

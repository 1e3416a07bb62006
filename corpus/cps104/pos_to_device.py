"""CPS104: `.to(DEVICE)` returns the same tensor when the data already lives on DEVICE.

On the CPU, DEVICE is "cpu" and the data is on the CPU; on CUDA, DEVICE is "cuda" and the
data (made on the default device) is already on the GPU. Either way nothing is copied.
"""
import torch
from torch.utils.data import Dataset

DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


class Samples(Dataset):
    def __init__(self, data=None):
        self.data = data if data is not None else torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].to(DEVICE)
        x -= 0.5  # expect: CPS104
        return x

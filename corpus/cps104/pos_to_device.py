"""CPS104: `.to(DEVICE)` returns the same tensor when the data already lives on DEVICE.

DEVICE is the default device, where the stored data is made: the CPU in a CPU run, the GPU
in a CUDA run (also on a GPU machine, a CPU run keeps both on the CPU). Either way nothing is
copied.
"""
import torch
from torch.utils.data import Dataset

DEVICE = torch.get_default_device()


class Samples(Dataset):
    def __init__(self, data=None):
        self.data = data if data is not None else torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].to(DEVICE)
        x -= 0.5  # expect: CPS104
        return x

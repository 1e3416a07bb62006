"""CPS101: `.to("cpu")` of a CPU tensor returns the tensor itself, like `.cpu()`.

On CUDA the stored data lives on the GPU and `.to("cpu")` copies it: nothing changes there.
"""
# runtime[cuda]: unchanged
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.rand(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].to("cpu")
        x[0] = 1  # expect: CPS101
        return x

"""Near-miss of CPS103 through a helper: `seq.sort()` on a tensor returns sorted values and
indices as new tensors; the stored row it is given stays as it is."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


def order(seq):
    values, _ = seq.sort()
    return values


class Samples(Dataset):
    def __init__(self):
        self.sequences = torch.tensor([[3.0, 1.0, 2.0]] * 4)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        seq = self.sequences[idx]
        return order(seq)

"""Near-miss of CPS101: out-of-place ops (`torch.add`, `F.relu` without inplace) never write back."""
# near-miss: CPS101
import torch
import torch.nn.functional as F
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.full((4, 3), -1.0)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.data[idx].view(-1)
        y = F.relu(x)
        z = torch.add(x, 1)
        z += y
        return z

"""CPS102: `from copy import copy as shallow` is still `copy.copy`; a tensor's storage is shared."""
from copy import copy as shallow

import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.data = torch.ones(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = shallow(self.data[idx])
        x *= 3  # expect: CPS102
        return x

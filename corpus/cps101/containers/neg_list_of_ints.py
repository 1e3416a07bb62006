"""Near-miss of CPS101: an int from a stored list is immutable; `+=` rebinds the name."""
# near-miss: CPS101
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.labels = [0, 1, 2, 3]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        y = self.labels[idx]
        y += 1
        return y

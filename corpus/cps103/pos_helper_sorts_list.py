"""CPS103 through a helper: `order(seq)` calls `seq.sort()`, which reorders a list in place
(the helper cannot tell; the stored list it is given decides)."""
from torch.utils.data import Dataset


def order(seq):
    seq.sort()
    return seq


class Samples(Dataset):
    def __init__(self):
        self.sequences = [[3, 1, 2] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        seq = self.sequences[idx]
        return order(seq)  # expect: CPS103

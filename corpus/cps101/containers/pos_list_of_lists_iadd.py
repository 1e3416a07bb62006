"""CPS101: `+=` on a stored list extends it in place."""
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.tokens = [[1, 2] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        seq = self.tokens[idx]
        seq += [0]  # expect: CPS101
        return seq

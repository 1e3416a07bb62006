"""CPS103: `.sort()` reorders a stored list in place."""
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.sequences = [[3, 1, 2] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        seq = self.sequences[idx]
        seq.sort()  # expect: CPS103
        return seq

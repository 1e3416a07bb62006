"""A stored list grown by `.append` on every read: the fix deep-copies it first."""
from torch.utils.data import Dataset


class Sequences(Dataset):
    def __init__(self):
        self.sequences = [[1, 2, 3] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        seq = self.sequences[idx]
        seq.append(0)
        return seq

"""CPS103: `.extend` on a stored list."""
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.sequences = [[1, 2] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        seq = self.sequences[idx]
        seq.extend([0, 0])  # expect: CPS103
        return seq

"""CPS103: assigning an element of a stored list (of ints) changes the dataset."""
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.sequences = [[1, 2, 3] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        seq = self.sequences[idx]
        seq[0] = 0  # expect: CPS103
        return seq

"""Near-miss of CPS103: `list(seq)` then `.append`: only the copy grows."""
# near-miss: CPS103
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.sequences = [[1, 2, 3] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        seq = list(self.sequences[idx])
        seq.append(0)
        seq.sort()
        return seq

"""Near-miss of CPS102: `copy.copy` of a list of ints, then `+=` on an element: ints rebind."""
# near-miss: CPS102
import copy

from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.rows = [[1, 2, 3] for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        row = copy.copy(self.rows[idx])
        row[0] += 1
        return row

"""CPS103: `random.shuffle` reorders the entries of a stored list in place."""
import random

from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.orders = [list(range(6)) for _ in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        order = self.orders[idx]
        random.shuffle(order)  # expect: CPS103
        return order

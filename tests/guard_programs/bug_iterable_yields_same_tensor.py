"""An iterable dataset loads its records once per pass and yields each several times (a mixing
stream); the consumer scales the yielded tensor in place, so later yields see it scaled."""
import torch
from torch.utils.data import DataLoader, IterableDataset


class Mixing(IterableDataset):
    def __iter__(self):
        records = [torch.ones(3) * k for k in range(2)]
        for _ in range(3):
            yield from records


for x in DataLoader(Mixing(), batch_size=None):
    x.mul_(0.5)  # expect: CPS101

"""CPS101 from an `IterableDataset`: `__iter__` hands out the items, here rows of the stored
array, and shifts each in place before yielding it, so every epoch shifts the stored data."""
import numpy as np
from torch.utils.data import IterableDataset


class Stream(IterableDataset):
    def __init__(self):
        self.rows = np.zeros((4, 3))

    def __iter__(self):
        for row in self.rows:
            row += 1  # expect: CPS101
            yield row

"""Near-miss of CPS101 from an `IterableDataset`: each row is copied before it is shifted."""
# near-miss: CPS101
import numpy as np
from torch.utils.data import IterableDataset


class Stream(IterableDataset):
    def __init__(self):
        self.rows = np.zeros((4, 3))

    def __iter__(self):
        for row in self.rows:
            row = row.copy()
            row += 1
            yield row

"""CPS101: `import numpy as onp` — `onp.asarray` is still `numpy.asarray`."""
import numpy as onp
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.arr = onp.zeros((4, 3))

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        a = onp.asarray(self.arr[idx])
        a += 1  # expect: CPS101
        return a

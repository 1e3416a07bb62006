"""CPS101 next to advanced indexing: `np.random.choice(n)` without a size is one integer, a
basic index, so the row it picks is a view of the stored array."""
import numpy as np
from torch.utils.data import Dataset


class Points(Dataset):
    def __init__(self):
        self.points = np.ones((4, 16, 3), dtype=np.float32)

    def __len__(self):
        return 4

    def __getitem__(self, index):
        cloud = self.points[index]
        anchor = cloud[np.random.choice(16)]
        anchor -= 1  # expect: CPS101
        return cloud

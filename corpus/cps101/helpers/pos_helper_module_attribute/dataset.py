import numpy as np
from torch.utils.data import Dataset

from augment import noise


class Points(Dataset):
    def __init__(self):
        self.points = np.random.rand(4, 6, 3).astype(np.float32)

    def __len__(self):
        return len(self.points)

    def __getitem__(self, index):
        cloud = self.points[index]
        cloud = noise.add(cloud)  # expect: CPS101
        return cloud

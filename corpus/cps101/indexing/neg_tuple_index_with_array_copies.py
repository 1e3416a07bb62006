"""Near-miss of CPS101: a tuple index that holds an index array or a list of indices
(`points[idx, :]`, `points[[0, 1], :]`) is advanced indexing, as the array alone would be: the
result is a copy, and writing into it leaves the stored points alone."""
# near-miss: CPS101
import numpy as np
from torch.utils.data import Dataset


class Rooms(Dataset):
    def __init__(self):
        self.rooms = [np.random.rand(6, 6) for _ in range(3)]

    def __len__(self):
        return len(self.rooms)

    def __getitem__(self, index):
        points = self.rooms[index][:, :6]
        idx = np.where(points[:, 0] >= 0)[0]
        batch = points[idx, :]
        batch[:, 0] = batch[:, 0] - 0.5
        batch[:, 3:6] /= 255.0
        corners = points[[0, 1], :]
        corners[:, 0] = 2.0
        return batch, corners

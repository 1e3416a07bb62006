"""CPS101: `np.fliplr` returns a view (a measured API fact), so `-=` changes the stored images."""
import numpy as np
from torch.utils.data import Dataset


class Images(Dataset):
    def __init__(self):
        self.images = np.arange(48, dtype=np.float32).reshape(3, 4, 4)

    def __len__(self):
        return 3

    def __getitem__(self, idx):
        img = np.fliplr(self.images[idx])
        img -= img.mean()  # expect: CPS101
        return img

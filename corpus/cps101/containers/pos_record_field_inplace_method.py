"""CPS101 through a record object built positionally: its field is the stored row, and
`.add_()` on the field changes the dataset."""
import torch
from torch.utils.data import Dataset


class Sample:
    def __init__(self, x, label):
        self.x = x
        self.label = label


class Samples(Dataset):
    def __init__(self):
        self.x = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        sample = Sample(self.x[idx], idx)
        sample.x.add_(1)  # expect: CPS101
        return sample

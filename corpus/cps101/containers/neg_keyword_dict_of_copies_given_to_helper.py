"""Near-miss of CPS101: the same helper changes the `img` entry in place, but the dict made
by `dict(k=v)` holds a copy of the stored tensor; writing a new entry changes nothing
stored either."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


def normalise(sample):
    sample["img"].sub_(0.5)
    sample["mean"] = 0.5
    return sample


class Samples(Dataset):
    def __init__(self):
        self.images = torch.ones(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, index):
        sample = dict(img=self.images[index].clone(), label=index)
        return normalise(sample)

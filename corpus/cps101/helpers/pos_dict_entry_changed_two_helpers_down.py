"""CPS101 through two helpers: `__getitem__` builds a new dict holding the stored tensor
(`dict(img=self.images[index])`) and hands it to `prepare`, which hands it on to
`normalise`, which changes the dict's `img` entry in place: the stored tensor itself."""
import torch
from torch.utils.data import Dataset


def normalise(sample):
    sample["img"].sub_(0.5)
    return sample


def prepare(sample):
    return normalise(sample)


class Samples(Dataset):
    def __init__(self):
        self.images = torch.ones(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, index):
        sample = dict(img=self.images[index], label=index)
        return prepare(sample)  # expect: CPS101

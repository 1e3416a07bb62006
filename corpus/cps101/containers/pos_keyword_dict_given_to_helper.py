"""CPS101 through a dict made by `dict(k=v)` and handed to a helper: the helper changes the
dict's `img` entry in place, and that entry is the stored tensor itself (the `{k: v}`
spelling gives the same)."""
import torch
from torch.utils.data import Dataset


def normalise(sample):
    sample["img"].sub_(0.5)
    return sample


class Samples(Dataset):
    def __init__(self):
        self.images = torch.ones(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, index):
        sample = dict(img=self.images[index], label=index)
        return normalise(sample)  # expect: CPS101

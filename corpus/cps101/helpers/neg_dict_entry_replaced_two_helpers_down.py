"""Near-miss of CPS101: as `pos_dict_entry_changed_two_helpers_down.py`, but the inner
helper replaces the dict's `img` entry with a new tensor (`sample["img"] = sample["img"] -
0.5`): the new dict changes, the stored tensor does not."""
# near-miss: CPS101
import torch
from torch.utils.data import Dataset


def normalise(sample):
    sample["img"] = sample["img"] - 0.5
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
        return prepare(sample)

"""Near-miss of CPS103: `self.dataset[index]` runs another dataset's `__getitem__`. Where that
dataset's class is unknown (made by a factory), nothing is known of its items; where it is
known to build a new dict per item, writing into the item changes nothing stored."""
# near-miss: CPS103
import torch
from torch.utils.data import Dataset


class Records(Dataset):
    def __init__(self):
        self.x = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, index):
        return {"x": self.x[index] + 1}  # a new dict every time


def make_source():
    return Records()


class AddLabel(Dataset):
    def __init__(self, dataset=None):
        self.dataset = dataset if dataset is not None else make_source()
        self.labels = [0, 1, 0, 1]

    def __len__(self):
        return len(self.dataset)

    def __getitem__(self, index):
        item = self.dataset[index]  # unknown class: silent
        item["label"] = self.labels[index]
        return item


class AddLabelKnown(Dataset):
    def __init__(self):
        self.dataset = Records()
        self.labels = [0, 1, 0, 1]

    def __len__(self):
        return len(self.dataset)

    def __getitem__(self, index):
        item = self.dataset[index]  # Records builds a new dict per item
        item["label"] = self.labels[index]
        item.pop("x")
        return item

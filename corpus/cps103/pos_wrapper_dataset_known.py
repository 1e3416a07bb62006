"""CPS103 through a wrapper dataset: the wrapped `Records` hands out its stored dicts, so the
label written into the item is written into the wrapped dataset's storage."""
import torch
from torch.utils.data import Dataset


class Records(Dataset):
    def __init__(self):
        self.samples = [{"x": torch.zeros(3)} for _ in range(4)]

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, index):
        return self.samples[index]  # the stored dict itself


class AddLabel(Dataset):
    def __init__(self):
        self.dataset = Records()
        self.labels = [0, 1, 0, 1]

    def __len__(self):
        return len(self.dataset)

    def __getitem__(self, index):
        item = self.dataset[index]
        item["label"] = self.labels[index]  # expect: CPS103
        return item

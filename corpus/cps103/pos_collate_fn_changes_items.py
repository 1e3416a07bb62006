"""CPS103 beyond `__getitem__`: a `collate_fn` given the items a dataset hands out by
reference pops an entry off each item and writes another, so the stored samples lose their
`"mask"` and carry the batch position: with `num_workers=0` (the default) the collate
function runs in this process, on the dataset's own dicts."""
import torch
from torch.utils.data import DataLoader, Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"x": torch.ones(3) * i, "mask": torch.ones(3)} for i in range(4)]

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, index):
        return self.samples[index]


def collate(batch):
    for position, item in enumerate(batch):
        item["x"] = item["x"] * item.pop("mask", 1.0)  # expect: CPS103
        item["position"] = position  # expect: CPS103
    return torch.stack([item["x"] for item in batch])


def train():
    dataset = Samples()
    loader = DataLoader(dataset, batch_size=2, collate_fn=collate)
    for _ in range(2):
        for batch in loader:
            batch.sum().item()

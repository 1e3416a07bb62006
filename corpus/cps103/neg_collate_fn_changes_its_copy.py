"""Near-miss of CPS103 beyond `__getitem__`: a `collate_fn` that changes only what it made —
the batch list the loader built, and shallow copies of the items (`dict(item)`: writing and
popping their entries leaves the stored dicts alone)."""
# near-miss: CPS103
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
    items = [dict(item) for item in batch]
    for position, item in enumerate(items):
        item["x"] = item["x"] * item.pop("mask")
        item["position"] = position
    batch.append(None)
    return torch.stack([item["x"] for item in items])


def train():
    dataset = Samples()
    loader = DataLoader(dataset, batch_size=2, collate_fn=collate)
    for _ in range(2):
        for batch in loader:
            batch.sum().item()

"""CPS101 beyond `__getitem__`: a `collate_fn` normalises each item's tensor in place before
stacking. The items are the dataset's stored tensors (its `__getitem__` hands them out by
reference, and `num_workers=0` runs the collate function in this process), so every epoch
divides the stored data again."""
import torch
from torch.utils.data import DataLoader, Dataset


class Signals(Dataset):
    def __init__(self):
        self.signals = [torch.arange(4.0) + i for i in range(4)]

    def __len__(self):
        return len(self.signals)

    def __getitem__(self, index):
        return self.signals[index]


def collate(batch):
    for signal in batch:
        signal.div_(signal.norm())  # expect: CPS101
    return torch.stack(batch)


def train():
    dataset = Signals()
    for _ in range(2):
        for batch in DataLoader(dataset, batch_size=2, collate_fn=collate):
            batch.sum().item()

"""The training loop pops an entry off a stored sample dict the dataset handed out; the
change is seen where the next item is asked for, and reported at the pop (found by tracing
the next items)."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"x": torch.ones(2), "y": i} for i in range(3)]

    def __len__(self):
        return 3

    def __getitem__(self, index):
        return self.samples[index]


data = Samples()
for i in range(len(data)):
    sample = data[i]
    sample.pop("y")  # expect: CPS103

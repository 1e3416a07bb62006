"""The training loop pops an entry off a stored sample dict the dataset handed out; the
change is seen (and reported) where the next item is asked for."""
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
    sample = data[i]  # expect: CPS103
    sample.pop("y")

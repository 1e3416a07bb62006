"""CPS103: writing an entry of a stored dict sample read without a copy replaces it in the dataset."""
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.ones(3), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        sample = self.samples[idx]
        sample["img"] = sample["img"] * 2  # expect: CPS103
        return sample

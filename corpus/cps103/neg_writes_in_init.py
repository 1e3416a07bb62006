"""Near-miss of CPS103: samples are edited while building the dataset, not while reading it."""
# near-miss: CPS103
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.ones(3)} for _ in range(4)]
        for sample in self.samples:
            sample["label"] = 0

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        sample = self.samples[idx]
        return {"img": sample["img"], "label": sample["label"]}

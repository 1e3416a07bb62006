"""Near-miss of CPS101: a new dict built from computed values; the stored sample is read only."""
# near-miss: CPS101, CPS103
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.zeros(3), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        sample = self.samples[idx]
        out = {"img": sample["img"] * 2, "label": sample["label"]}
        out["img"] += 1
        return out

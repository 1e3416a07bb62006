"""Near-miss of CPS103: a new dict built from the stored sample's values."""
# near-miss: CPS103
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.ones(3), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        sample = self.samples[idx]
        out = {"img": sample["img"], "label": sample["label"]}
        out["img"] = out["img"] * 2
        out["flipped"] = True
        return out

"""Near-miss of CPS102: after `dict(sample)`, *rebinding* an entry replaces it in the copy only."""
# near-miss: CPS102, CPS103
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.samples = [{"img": torch.zeros(3), "label": i} for i in range(4)]

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        s = dict(self.samples[idx])
        s["img"] = s["img"] + 1
        s["label"] = s["label"] * 2
        return s

"""CPS103: the stored records come from a method of the dataset (`self.data, self.max_len =
self.populate(labels)`, a list of dicts built by `data.append({...})`), and `__getitem__`
writes the loaded frames into the record it reads: every record keeps the last tensor it
was given, so the lazily loading dataset ends up holding every item's frames."""
import torch
from torch.utils.data import Dataset


class Encodings(Dataset):
    def __init__(self, labels=(0, 1, 2, 3)):
        self.data, self.max_len = self.populate(labels)

    def __len__(self):
        return len(self.data)

    def populate(self, labels):
        data = []
        for label in labels:
            data.append({"label": label, "video_dir": f"clip-{label}"})
        return data, 8

    def __getitem__(self, idx):
        item = self.data[idx]
        item["frames"] = torch.full((8, 4), float(idx))  # expect: CPS103
        return item

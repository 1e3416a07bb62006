"""Near-miss of CPS103: as `pos_records_built_by_own_method`, but `__getitem__` copies the
record (`dict(self.data[idx])`) before it adds the frames: the entry goes into the copy,
and the stored records stay as `populate` built them."""
# near-miss: CPS103
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
        item = dict(self.data[idx])
        item["frames"] = torch.full((8, 4), float(idx))
        return item

"""CPS103: the records are bound by the `__init__` of a base class of another module
(`self.records = [{...} for ...]`); the subclass's `__getitem__` writes the loaded frames
into the record it reads, so every stored record keeps the tensor it was last given."""
import torch
from clip_index import Clips


class Encoded(Clips):
    def __len__(self):
        return len(self.records)

    def __getitem__(self, idx):
        item = self.records[idx]
        item["frames"] = torch.full((2, 2), float(idx))  # expect: CPS103
        return item

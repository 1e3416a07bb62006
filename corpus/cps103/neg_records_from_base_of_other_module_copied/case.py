"""Near-miss of CPS103: as `pos_records_from_base_of_other_module`, but the subclass copies
the record (`dict(self.records[idx])`) before it adds the frames: the stored records stay as
the base built them."""
# near-miss: CPS103
import torch
from clip_index import Clips


class Encoded(Clips):
    def __len__(self):
        return len(self.records)

    def __getitem__(self, idx):
        item = dict(self.records[idx])
        item["frames"] = torch.full((2, 2), float(idx))
        return item

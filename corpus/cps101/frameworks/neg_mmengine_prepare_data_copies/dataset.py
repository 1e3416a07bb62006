"""An mmengine dataset that overrides `prepare_data` and hands its pipeline a deep copy of
the stored annotation entry (as mmengine's own `get_data_info` does)."""
import copy

import torch
from mmengine.dataset import BaseDataset


class Boxes(BaseDataset):
    def load_data_list(self):
        return [{"gt_bboxes": torch.ones(3, 4) * i} for i in range(4)]

    def prepare_data(self, idx):
        data_info = copy.deepcopy(self.data_list[idx])
        return self.pipeline(data_info)

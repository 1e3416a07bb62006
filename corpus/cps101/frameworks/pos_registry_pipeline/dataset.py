"""An mmengine dataset whose `get_data_info` hands out its stored annotation entry as it is
(the framework's own `get_data_info` hands out a deep copy)."""
import numpy as np
from mmengine.dataset import BaseDataset


class Boxes(BaseDataset):
    def load_data_list(self):
        return [{"gt_bboxes": np.array([[1.0, 2.0, 3.0, 4.0]]) * i} for i in range(4)]

    def get_data_info(self, idx):
        return self.data_list[idx]

"""An mmengine dataset that keeps the framework's own `get_data_info`, which hands out a deep
copy of the stored annotation entry (`mmengine/dataset/base_dataset.py`, line 267)."""
import numpy as np
from mmengine.dataset import BaseDataset


class Boxes(BaseDataset):
    def load_data_list(self):
        return [{"gt_bboxes": np.array([[1.0, 2.0, 3.0, 4.0]]) * i} for i in range(4)]

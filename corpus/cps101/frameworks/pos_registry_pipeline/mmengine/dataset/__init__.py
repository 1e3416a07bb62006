"""Stand-in for mmengine's `BaseDataset` and `Compose` (the framework is not installed
here), as in `mmengine/dataset/base_dataset.py` (0.10.7): `Compose` builds config dicts
through `TRANSFORMS`, `__getitem__` runs `prepare_data`, which passes `get_data_info`'s
result (a deep copy of the stored entry) through `self.pipeline`. The linter never reads
it: the framework table says what it does."""
import copy

import torch

from mmengine.registry import TRANSFORMS


class Compose:
    def __init__(self, transforms):
        self.transforms = []
        for transform in transforms or []:
            if isinstance(transform, dict):
                transform = TRANSFORMS.build(transform)
            self.transforms.append(transform)

    def __call__(self, data):
        for t in self.transforms:
            data = t(data)
            if data is None:
                return None
        return data


class BaseDataset(torch.utils.data.Dataset):
    def __init__(self, pipeline=()):
        self.data_list = []
        self.pipeline = Compose(pipeline)
        self.full_init()

    def full_init(self):
        self.data_list = self.load_data_list()

    def load_data_list(self):
        raise NotImplementedError

    def get_data_info(self, idx):
        data_info = copy.deepcopy(self.data_list[idx])
        data_info["sample_idx"] = idx
        return data_info

    def prepare_data(self, idx):
        data_info = self.get_data_info(idx)
        return self.pipeline(data_info)

    def __len__(self):
        return len(self.data_list)

    def __getitem__(self, idx):
        return self.prepare_data(idx)

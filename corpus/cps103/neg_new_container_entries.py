"""Near-miss of CPS103: writing into new containers that hold values read from stored data
changes nothing stored — a new dict's new entry, a plain sub-dict kept beside the stored
tensor, a new list `[index, *others]` that a helper shuffles, a dict made by `dict(k=v)`."""
# near-miss: CPS101, CPS103
import random

import numpy as np
import torch
from torch.utils.data import Dataset


class Samples(Dataset):
    def __init__(self):
        self.images = [torch.zeros(3) for _ in range(4)]
        self.samples = [{"img": torch.zeros(3), "meta": {"id": i}} for i in range(4)]
        self.indices = np.arange(4)

    def __len__(self):
        return 4

    def mix(self, index):
        chosen = [index, *random.choices(list(self.indices), k=3)]
        random.shuffle(chosen)  # a new list
        return chosen

    def __getitem__(self, index):
        item = {"source": self.samples[index], "target": None}
        item["target"] = {}  # a new dict
        item["target"]["id"] = index
        record = {"img": self.images[index], "meta": {}}
        record["meta"]["seen"] = True  # a plain sub-dict made here
        extra = dict(img=self.images[index], info={})
        extra["info"]["mixed"] = self.mix(int(self.indices[index]))
        return item, record, extra

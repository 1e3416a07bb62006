"""An iterable dataset that repeats stored records, and a consumer that copies before it
changes them: nothing stored changes."""
import copy

import torch
from torch.utils.data import IterableDataset


class Prompts(IterableDataset):
    def __init__(self):
        self.prompts = [{"tokens": [1, 2], "x": torch.ones(2)}]

    def __iter__(self):
        for _ in range(3):
            yield from self.prompts


for record in Prompts():
    record = copy.deepcopy(record)
    record["tokens"].append(0)
    record["x"].mul_(2)

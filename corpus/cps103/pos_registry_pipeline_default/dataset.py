"""A dataset whose pipeline, by default, is a list of config dicts; `__getitem__` hands the
pipeline its stored sample dict as it is."""
import numpy as np
from torch.utils.data import Dataset

from compose import Compose


class Samples(Dataset):
    def __init__(self, pipeline=(dict(type="Normalize", mean=0.5),)):
        self.samples = [{"img": np.ones((2, 2)) * i} for i in range(4)]
        self.pipeline = Compose(pipeline)

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        results = self.samples[idx]
        return self.pipeline(results)  # expect: CPS103

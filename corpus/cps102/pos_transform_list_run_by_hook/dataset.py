"""A cached dataset as MONAI's `CacheDataset` builds one: its base's `__getitem__` calls the
`_transform` hook, which runs the transforms it was given, one by one, on the cached
record (no copy)."""
from torch.utils.data import Dataset

from pipeline import Compose, apply_transform


class Records(Dataset):
    def __init__(self, data, transform=None):
        self.data = data
        self.transform = transform

    def __len__(self):
        return len(self.data)

    def _transform(self, index):
        return self.data[index]

    def __getitem__(self, index):
        return self._transform(index)  # expect: CPS102


class CachedRecords(Records):
    def __init__(self, data, transform):
        super().__init__(data=data, transform=Compose(transform))
        self._cache = [dict(item, history=[]) for item in data]

    def _transform(self, index):
        record = self._cache[index]
        for t in self.transform.transforms:
            record = apply_transform(t, record)
        return record

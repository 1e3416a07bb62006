"""Dataset shapes that must stay silent (issue: precision on real projects), next to the
positives that look like them: wrapped datasets, new containers, index arrays."""
import copy
import random

import numpy as np
import torch
from torch.utils.data import Dataset
from torch_geometric.data import Data


class Stored(Dataset):
    def __init__(self):
        self.samples = [{"x": torch.zeros(3)} for _ in range(4)]
    def __len__(self):
        return 4
    def __getitem__(self, i):
        return self.samples[i]


class Fresh(Dataset):
    def __init__(self):
        self.x = torch.zeros(4, 3)
    def __len__(self):
        return 4
    def __getitem__(self, i):
        return {"x": self.x[i] + 1}


class Wrappers(Dataset):
    def __init__(self, dataset, datasets):
        self.dataset = dataset
        self.datasets = dict(datasets)
        self.stored = Stored()
        self.fresh = Fresh()
        self.indices = np.arange(8)
        self.points = np.zeros((8, 16, 3))
        self.feats = torch.zeros(8, 16, 3)
        self.images = torch.zeros(8, 3)
    def __len__(self):
        return 8
    def mosaic(self, index):
        indices = [index, *random.choices(self.indices, k=3)]
        random.shuffle(indices)
        return indices
    def __getitem__(self, i):
        a = self.dataset[i]
        a["label"] = 1                                # silent: unknown wrapped dataset
        b = self.fresh[i]
        b["label"] = 1                                # silent: Fresh builds a new dict
        c = self.stored[i]
        c["label"] = 1                                # expect: CPS103
        source = [ds[i] for ds in self.datasets.values()]
        item = {"source": source, "target": None}
        item["target"] = {}
        item["target"][0] = i                         # silent: a new dict's new entry
        kept = {"img": self.images[i], "meta": {}}
        kept["meta"]["id"] = i                        # silent: a plain sub-dict made here
        kept["img"] += 1                              # expect: CPS101
        made = dict(img=self.images[i], info={})
        made["info"]["id"] = i                        # silent
        made["img"].add_(1)                           # expect: CPS101
        self.mosaic(self.indices[i])                  # silent: a new list is shuffled
        cloud = self.points[i]
        p = cloud[np.random.choice(16, 8)]
        p += 1                                        # silent: advanced indexing copies
        keep = np.where(cloud[:, 0] > 0)[0]
        q = cloud[keep]
        q[:] = 0                                      # silent
        r = self.feats[i][torch.randperm(16)[:4]]
        r.add_(1)                                     # silent
        s = cloud[np.random.choice(16)]
        s += 1                                        # expect: CPS101
        return a, b, c, item, kept, made, p, q, r, s


class ListStorage:
    def __init__(self):
        self._storage = []
    def add(self, item):
        self._storage.append(item)
    def __getitem__(self, index):
        return self._storage[index]


class Spec:
    """A container of the `__getitem__` + `__len__` shape that is no dataset."""
    def __init__(self):
        self._specs = {}
    def __len__(self):
        return len(self._specs)
    def __getitem__(self, key):
        return self._specs[key]
    def __setitem__(self, key, value):
        self._specs[key] = value


def build_spec(keys):
    spec = Spec()
    for key in keys:
        spec[key[0]] = {}
        spec[key[0]].update({key[1]: None})           # silent: filled through its items
    return spec


class Lazy(Dataset):
    def __init__(self, lists, storage):
        self.lists = lists
        self.eager = None
        self.storage = storage
        self.kept = ListStorage()
        self.kept.add(torch.zeros(3))
        self.memo = {i: {} for i in range(8)}
    def __len__(self):
        return 4
    def fill(self):
        self.eager = np.empty(8, dtype=np.int64)
        self.eager[0:4] += 1                          # silent: a new array bound just before
    def made_entry(self, i):
        self.memo[i] = {}
        self.memo[i]["seen"] = True
    def stored_entry(self, i):
        self.memo[i + 1]["seen"] = True
    def __getitem__(self, i):
        if self.eager is None:
            self.fill()
        self.made_entry(i)                            # silent: an entry made just before
        self.stored_entry(i)                          # expect: CPS103
        data = self.storage[i]
        with data.unlock_():                          # silent: a storage object's item
            data["x"] = 1                             # silent
        kept = self.kept[i]
        with kept.unlock_():                          # silent: no tensor method
            kept.add_(1)                              # expect: CPS101
        return int(self.eager[i])


class Cloned:
    def __init__(self, x=None):
        self.x = x.clone()


class Guarded:
    def __init__(self, x=None):
        self.x = x
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value.clone())


class Rebinds:
    def __init__(self, x=None):
        x = x.float()
        self.x = x


class Records(Dataset):
    def __init__(self):
        self.x = torch.zeros(8, 3)
        self.graph = Data(x=torch.zeros(8, 3))
    def __len__(self):
        return 8
    def __getitem__(self, i):
        data = Data(x=self.x[i:i + 2], y=i)
        data.x[0] = 1                                 # expect: CPS101
        data.y += 1                                   # silent: an int field rebinds
        shallow = copy.copy(data)
        shallow.x.add_(1)                             # expect: CPS102
        deep = copy.deepcopy(data)
        deep.x.add_(1)                                # silent: copied
        data.x = data.x.clone()
        data.x.add_(1)                                # silent: the field was rebound
        data = Data(x=torch.zeros(2, 3))
        data.x.add_(1)                                # silent: a new record
        self.graph.x.div_(2)                          # expect: CPS101
        self.graph.num_nodes                          # silent: a read
        for record in (Cloned(x=self.x[i]), Guarded(x=self.x[i]), Rebinds(x=self.x[i])):
            record.x.add_(1)                          # silent: no record class
        Cloned(x=self.x[i]).x.add_(1)                 # silent: the class clones
        Guarded(x=self.x[i]).x.add_(1)                # silent: `__setattr__` decides
        Rebinds(x=self.x[i]).x.add_(1)                # silent: the parameter is rebound
        return data


def collate_in_place(batch):
    for item in batch:
        item["x"] += 1                                # expect: CPS101
    batch[0]["seen"] = True                           # expect: CPS103
    batch.append(None)                                # silent: the loader's own list
    return batch


def collate_copies(batch):
    copies = [dict(item) for item in batch]
    for item in copies:
        item["seen"] = True                           # silent: a shallow copy's entry
    return copies


def loops():
    from torch.utils.data import DataLoader
    stored = Stored()
    for _ in DataLoader(stored, batch_size=2, collate_fn=collate_in_place):
        pass
    for _ in DataLoader(stored, batch_size=2, collate_fn=collate_copies):
        pass
    in_workers = DataLoader(stored, batch_size=2, collate_fn=collate_in_place, num_workers=2)
    return in_workers


class TupleIndexArrays(Dataset):
    """A tuple index holding an index array or a list is advanced indexing: a copy."""
    def __init__(self):
        self.rooms = [np.zeros((6, 6)) for _ in range(3)]

    def __len__(self):
        return 3

    def __getitem__(self, i):
        points = self.rooms[i][:, :6]
        idx = np.nonzero(points[:, 0] >= 0)[0]
        batch = points[idx, :]
        batch[:, 0] = 1                                # silent: advanced indexing copied
        corners = points[[0, 1], :]
        corners[:, 0] = 2                              # silent
        rows = points[0:2, :]
        rows[:, 0] = 3                                 # expect: CPS101:9
        return batch, corners, rows

"""More static spellings: every line that must carry a finding says so with `# expect: CODE`."""
import collections
import copy as cp
import random

import cv2
import numpy as np
import torch
from torch.utils.data import Dataset


class Base(Dataset):
    pass


class Middle(Base):
    pass


class Deep(Middle):
    def __init__(self, files, arrays: list, table: torch.Tensor):
        self.frames = []
        for f in files:
            frame = np.load(f)
            self.frames.append(frame)
        self.table = table
        loaded = np.zeros((4, 5, 6))
        self.loaded = loaded
        self.meta = [{"boxes": np.zeros((2, 4)), "name": "a"} for _ in files]
        self.words = [["a", "b"] for _ in files]

    def __len__(self):
        return len(self.frames)

    def __getitem__(self, idx):
        a = self.frames[idx]
        np.copyto(a, 0)                                   # expect: CPS101
        b = self.table[idx]
        torch.nn.init.zeros_(b)                           # expect: CPS101
        c = self.loaded[idx].T
        c *= 2                                            # expect: CPS101
        d = self.loaded[idx].reshape(-1)
        d[:3] = 0                                         # expect: CPS101
        e = self.loaded[idx].astype(np.float64, copy=False)
        e += 1                                            # expect: CPS104
        f = self.loaded[idx].astype(np.float32)
        f += 1
        g = np.array(self.loaded[idx])
        g += 1
        h = np.copy(self.loaded[idx])
        h += 1
        k = torch.tensor(self.loaded[idx])
        k += 1
        m = torch.as_tensor(self.loaded[idx])
        m += 1                                            # expect: CPS101
        n = torch.Tensor(self.loaded[idx])
        n.add_(1)                                         # expect: CPS101
        o = np.ascontiguousarray(self.loaded[idx])
        o -= 1                                            # expect: CPS101
        cv2.flip(self.loaded[idx], 0, dst=self.loaded[idx])  # expect: CPS101
        p = self.loaded[idx][0]
        p.sort()                                          # expect: CPS101
        q = self.table[idx]
        q.sort()
        r = self.loaded[[0, 1]]
        r += 1
        meta = self.meta[idx]
        del meta["name"]                                  # expect: CPS103
        meta.update(flip=True)                            # expect: CPS103
        meta.pop("boxes")                                 # expect: CPS103
        words = self.words[idx]
        words.append("c")                                 # expect: CPS103
        random.shuffle(words)                             # expect: CPS103
        boxes = cp.copy(self.meta[idx])["boxes"]
        boxes *= 2                                        # expect: CPS102
        rows = list(self.words[idx])
        rows.append("d")
        copied = cp.deepcopy(self.meta[idx])
        copied["boxes"] += 1
        return a

    def outside(self, idx):
        a = self.frames[idx]
        a += 1


def helper(ds):
    x = ds.frames[0]
    x += 1


class Sequence:
    """Defines __getitem__ but not __len__: not a dataset."""

    def __init__(self):
        self.data = torch.zeros(3)

    def __getitem__(self, i):
        x = self.data[i]
        x += 1
        return x


def state_dicts(model, other, optimizer, path):
    od = collections.OrderedDict(model.state_dict())
    od["w"].mul_(0)                                       # expect: CPS201
    spread = {**model.state_dict()}
    spread["w"].add_(1)                                   # expect: CPS201
    shallow = cp.copy(model.state_dict())
    shallow["w"][0] = 1                                   # expect: CPS201
    kv = model.state_dict(keep_vars=True)
    kv["w"].data -= 1                                     # expect: CPS201
    torch.save(kv, path)
    optimizer.step()
    osd = optimizer.state_dict()
    osd["state"][0]["exp_avg"].mul_(0)                    # expect: CPS201
    return osd


def snapshots(model, optimizer, loader, path):
    history = []
    for x in loader:
        history.append(model.state_dict())                # expect: CPS202
        model(x).sum().backward()
        optimizer.step()
    torch.save(history, path)
    frozen = cp.deepcopy(model).state_dict()
    copy_of_live = model.state_dict().copy()              # expect: CPS202
    for x in loader:
        optimizer.step()
    model.load_state_dict(frozen)
    torch.save(copy_of_live, path)
    torch.save(model.state_dict(), path)
    return model.state_dict()


class Keeper:
    def __init__(self, model):
        self.model = model
        self.snapshot = model.state_dict()

    def damage(self):
        self.snapshot["w"].zero_()                        # expect: CPS201


def modules_given():
    """The receivers above are shown to be a module and an optimizer by what they are given."""
    net = torch.nn.Linear(2, 2)
    state_dicts(net, torch.nn.Linear(2, 2), torch.optim.SGD(net.parameters(), lr=0.1), "p")
    snapshots(net, torch.optim.SGD(net.parameters(), lr=0.1), [], "p")
    return Keeper(net)

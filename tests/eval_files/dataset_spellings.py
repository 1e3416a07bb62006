"""Static spellings: every line that must carry a finding says so with `# expect: CODE`."""
import copy
from copy import copy as shallow
import numpy as onp
import torch
import torch.utils.data as tud
from torch.utils import data
from torch.utils.data import Dataset as DS
import torch.nn.functional as F
import random

class A(tud.Dataset):
    def __init__(self):
        self.data = torch.rand(8, 3)
        self.arr = onp.zeros((8, 3))
        self.vec = onp.zeros(8)
        self.tvec = torch.zeros(8)
        self.items = [onp.random.rand(3, 4) for _ in range(8)]
        self.samples = [{"img": torch.rand(3), "label": 1} for _ in range(8)]
        self.labels = [1, 2, 3]
        self.lists = [[1, 2] for _ in range(3)]
    def __len__(self):
        return 8
    def __getitem__(self, i):
        a = onp.asarray(self.arr[i]); a += 1          # expect: CPS101:39
        b = shallow(self.arr[i]); b += 1              # silent: copy.copy(ndarray) copies
        c = shallow(self.data[i]); c.add_(1)          # expect: CPS102:36
        d = self.vec[i]; d += 1                       # silent: numpy scalar
        e = self.tvec[i]; e += 1                      # expect: CPS101:27  (0-d view)
        f = self.labels[i]; f += 1                    # silent
        g = self.lists[i]; g += [5]                # expect: CPS101:28  (list += extends in place)
        s = self.samples[i]; s["img"] = s["img"] * 2  # expect: CPS103:30
        s2 = dict(self.samples[i]); s2["img"] += 1    # expect: CPS102:37
        s3 = dict(self.samples[i]); s3["img"] = s3["img"] + 1  # silent
        h = self.data[i].float(); h *= 2              # expect: CPS101:35  (proven no-op on float32)
        k = self.data[i].double(); k *= 2             # silent: real conversion
        m = self.data[i].clone(); m += 1              # silent
        n = torch.from_numpy(self.items[i]); n.mul_(2)  # expect: CPS101:46
        o = self.data[i].numpy(); o -= 1              # expect: CPS101:35
        p = self.data[i]; p = p + 1; p += 1           # silent (rebinding)
        q = self.data[i].view(-1); F.relu(q, inplace=True)  # expect: CPS101:36
        r = self.data[i]; torch.add(r, 1, out=r)      # expect: CPS101:27
        t = self.items[i]; onp.random.shuffle(t)      # expect: CPS101:28
        u = self.items[i][0]; u[0] = 5                # expect: CPS101:31
        img, lab = self.samples[i]["img"], 3
        img.clamp_(0, 1)                              # expect: CPS101:9
        v = copy.deepcopy(self.samples[i]); v["img"] += 1   # silent
        w = self.data[i].detach().cpu(); w[0] = 1     # expect: CPS101:42
        return a

class B(data.Dataset):
    def __init__(self, x=None):
        self.x = x if x is not None else torch.rand(4, 3)
    def __len__(self): return 4
    def __getitem__(self, i):
        y = self.x[i].float(); y += 1                 # expect: CPS104:32
        z = self.x[i].to(torch.float64); z += 1       # expect: CPS104:42
        return y

class C(DS):
    pass

class E(C):
    def __init__(self):
        self.d = torch.zeros(3, 3)
    def __getitem__(self, i):
        x = self.d[i]
        x += 1                                        # expect: CPS101:9
        return x

class NoBase:
    def __init__(self): self.d = torch.zeros(3, 3)
    def __len__(self): return 3
    def __getitem__(self, i):
        x = self.d[i]; x += 1                         # expect: CPS101:24
        return x

class NotDS:
    def __init__(self): self.d = torch.zeros(3, 3)
    def __getitem__(self, i):
        x = self.d[i]; x += 1                         # silent
        return x

def loaded_chunks(paths=("a.npy",)):
    return [onp.load(p) for p in paths]

class RowProvenBySlice(DS):
    """Dimensions unknown (`concatenate` of a loader's chunks): a further index proves a row."""
    def __init__(self):
        self.clouds = onp.concatenate(loaded_chunks(), axis=0)
        self.tags = onp.concatenate(loaded_chunks(), axis=0)
    def __len__(self): return 2
    def __getitem__(self, i):
        pts = self.clouds[i][:3]
        pts += 1                                      # expect: CPS101:9
        tag = self.tags[i]
        tag += 1                                      # silent: may be a NumPy scalar
        whole = self.tags[i][...]
        whole += 1                                    # silent: `...` also indexes a scalar
        return pts, tag, whole

def spread(pc):
    rows, cols = pc.shape
    pc += onp.ones((rows, cols))
    return pc

def bumped(y):
    y += 1
    return y

class RowProvenByHelper(DS):
    """The helper unpacks `pc.shape`: only an array runs it, so its `+=` changes the row."""
    def __init__(self):
        self.clouds = onp.concatenate(loaded_chunks(), axis=0)
    def __len__(self): return 2
    def __getitem__(self, i):
        pts = spread(self.clouds[i])                  # expect: CPS101:15
        tag = bumped(self.clouds[i])                  # silent: a number takes `+=` too
        return pts, tag

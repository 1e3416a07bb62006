"""Stores that hand out references: cached helpers and `__getitem__` (`@lru_cache`,
`@cache`, under every import spelling) and pycocotools' `COCO.load*` on a receiver shown to
be a `COCO`. Every line that must carry a finding says so with `# expect: CODE`."""
import copy
import functools
import functools as ft
from functools import cache, lru_cache

import numpy as np
import torch
from pycocotools.coco import COCO
from torch.utils.data import DataLoader, Dataset


def lru_cache_lookalike(func):  # a decorator of the module's own: no cache
    return func


@lru_cache(maxsize=None)
def read_frames(path):
    return np.load(path)


@cache
def frame_count(path):
    return len(np.load(path))


@ft.lru_cache(maxsize=4)
def read_shape(path):
    return (3, 4)


def not_cached(path):
    return np.load(path)


class Frames(Dataset):
    def __init__(self, paths):
        self.paths = paths

    def __len__(self):
        return len(self.paths)

    @functools.lru_cache(maxsize=None)
    def _tensor(self, i):
        return torch.rand(3)

    @cache
    def _sample(self, i):
        return {"x": torch.rand(3), "y": i}

    @lru_cache_lookalike
    def _fresh(self, i):
        return torch.rand(3)

    def _through_helper(self, i):
        return self._tensor(i)

    def __getitem__(self, i):
        a = read_frames(self.paths[i]); a -= a.mean()        # expect: CPS101
        b = read_frames(self.paths[i]).copy(); b -= 1         # silent: a copy
        n = frame_count(self.paths[i]); n += 1                # silent: an int
        s = read_shape(self.paths[i]); s += (1,)              # silent: a tuple of ints
        c = not_cached(self.paths[i]); c -= 1                 # silent: not cached
        t = self._tensor(i); t.add_(1)                        # expect: CPS101
        u = self._tensor(i).clone(); u.add_(1)                # silent: cloned
        v = self._through_helper(i); v.mul_(2)                # expect: CPS101
        w = self._sample(i); w["y"] = 0                       # expect: CPS103
        x = copy.deepcopy(self._sample(i)); x["y"] = 0        # silent: deep copy
        y = dict(self._sample(i)); y["x"].add_(1)             # expect: CPS102
        z = dict(self._sample(i)); z["x"] = 0                 # silent: entry of the copy
        f = self._fresh(i); f.add_(1)                         # silent: no cache
        return a, b, t


class CachedItems(Dataset):
    def __len__(self):
        return 4

    @lru_cache(maxsize=None)
    def __getitem__(self, i):
        return {"x": torch.zeros(3), "y": i}


class CachedBehindGetitem(Dataset):
    def __len__(self):
        return 4

    @lru_cache(maxsize=None)
    def _decode(self, i):
        return torch.ones(3)

    def __getitem__(self, i):
        return self._decode(i)


class CachedCount(Dataset):
    def __len__(self):
        return 4

    @cache
    def __getitem__(self, i):
        return i * 2


def scale(batch):
    for item in batch:
        item["x"].mul_(2)                                     # expect: CPS101
    return batch


def train():
    items = CachedItems()
    for i in range(len(items)):
        item = items[i]
        item["y"] = 1                                         # expect: CPS103
        mine = copy.deepcopy(items[i])
        mine["x"].add_(1)                                     # silent: deep copy
    behind = CachedBehindGetitem()
    for i in range(len(behind)):
        spectrum = behind[i]
        spectrum.mul_(0.5)                                    # expect: CPS101
        behind[i].clone().mul_(0.5)                           # silent: a clone
    counts = CachedCount()
    for i in range(len(counts)):
        k = counts[i]
        k += 1                                                # silent: an int
    for batch in DataLoader(items, batch_size=2, collate_fn=scale):
        pass


class Detections(Dataset):
    def __init__(self, ann_file, index):
        self.coco = COCO(ann_file)
        self.index = index  # given: of unknown class
        self.table = dict()
        self.ids = sorted(self.coco.imgs)

    def __len__(self):
        return len(self.ids)

    def _boxes(self, img_id):
        anns = self.coco.loadAnns(self.coco.getAnnIds(imgIds=img_id))
        anns[0]["bbox"] = [0, 0, 1, 1]                        # silent here: reported at the call
        return anns

    def __getitem__(self, i):
        img_id = self.ids[i]
        anns = self.coco.loadAnns(self.coco.getAnnIds(imgIds=img_id))
        for ann in anns:
            ann["bbox"][0] += 1                               # expect: CPS101
            ann["bbox"] = [0, 0, 1, 1]                        # expect: CPS103
            ann.pop("segmentation")                           # expect: CPS103
            del ann["area"]                                   # expect: CPS103
            ann.update(iscrowd=0)                             # expect: CPS103
        anns.append({"bbox": [0, 0, 0, 0]})                   # silent: a new list
        image = self.coco.loadImgs(img_id)[0]
        image["file_name"] = "x.jpg"                          # expect: CPS103
        category = self.coco.loadCats(1)[0].copy()
        category["keypoints"].append("centre")                # expect: CPS102
        category["name"] = "box"                              # silent: entry of the copy
        kept = copy.deepcopy(self.coco.loadAnns(img_id))
        kept[0]["bbox"][0] += 1                               # silent: deep copy
        other = self.index.loadAnns(img_id)
        other[0]["bbox"] = [0, 0, 0, 0]                       # silent: receiver unknown
        table = self.table.loadAnns(img_id)
        table[0]["bbox"] = [0, 0, 0, 0]                       # silent: not a COCO
        boxes = self._boxes(img_id)                           # expect: CPS103
        return torch.tensor([a["bbox"] for a in anns]), boxes

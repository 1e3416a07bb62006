"""Changes made by helpers, methods and transforms of the same module, reported at the call."""
import numpy as np
import torch
from torch.utils.data import Dataset

MEAN = [0.5, 0.5, 0.5]


def normalize(im):
    for c in range(3):
        im[c] = im[c] - MEAN[c]
    return im


def scale_boxes(boxes, s):
    boxes *= s
    return boxes


def safe_normalize(x):
    x = x - 0.5
    x /= 2
    return x


def fresh(shape):
    out = np.zeros(shape)
    out += 1
    return out


def via_helper(im):
    return normalize(im)


class AddNoise:
    def __init__(self, amount):
        self.amount = amount

    def __call__(self, x):
        x.add_(self.amount)
        return x


class Outside:
    def __call__(self, x):
        return x * 2


class Boxes(Dataset):
    def __init__(self, transform=None):
        self.images = torch.rand(4, 3, 8, 8)
        self.boxes = np.zeros((4, 5, 4))
        self.noise = AddNoise(0.1)
        self.double = Outside()
        self.transform = transform
        self.cache = {}

    def __len__(self):
        return 4

    def _get(self, i):
        return self.images[i]

    def _jitter(self, i):
        self.boxes[i] += 0.5

    def __getitem__(self, i):
        image = normalize(self.images[i])                 # expect: CPS101
        boxes = scale_boxes(self.boxes[i], 2.0)           # expect: CPS101
        clean = safe_normalize(self.images[i])
        clean = normalize(self.images[i].clone())
        other = fresh((3, 3))
        deep = via_helper(self.images[i])                 # expect: CPS101
        raw = self._get(i)
        raw += 1                                          # expect: CPS101
        self._jitter(i)                                   # expect: CPS101
        noisy = self.noise(self.images[i])                # expect: CPS101
        doubled = self.double(self.images[i])
        if self.transform is not None:
            image = self.transform(self.images[i])
        returned = normalize(self.images[i].clone())
        returned += 1
        return image, boxes


class Trainer:
    def __init__(self, model, optimizer):
        self.model = model
        self.optimizer = optimizer

    def get_state(self):
        return self.model.state_dict()

    def fit(self, loader):
        best = self.get_state()                           # expect: CPS202
        for x in loader:
            self.model(x).sum().backward()
            self.optimizer.step()
        self.model.load_state_dict(best)


class Cached(Dataset):
    """A cache filled inside __getitem__: the cached entry is stored data."""

    def __init__(self):
        self.cache = {}

    def __len__(self):
        return 4

    def __getitem__(self, i):
        if i not in self.cache:
            self.cache[i] = torch.zeros(3)
        x = self.cache[i]
        x += 1                                            # expect: CPS101
        y = self.cache[i].clone()
        y += 1
        return x, y

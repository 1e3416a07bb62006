"""Transforms of the project: `ToTensor` wraps the array without a copy, `Normalize` works
in place, `Compose` calls each in turn."""
import torch


class ToTensor:
    def __call__(self, pic):
        return torch.from_numpy(pic)


class Normalize:
    def __init__(self, mean, std):
        self.mean = mean
        self.std = std

    def __call__(self, tensor):
        tensor.sub_(self.mean).div_(self.std)  # expect: CPS101
        return tensor


class Compose:
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, x):
        for t in self.transforms:
            x = t(x)
        return x

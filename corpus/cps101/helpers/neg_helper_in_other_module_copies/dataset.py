import torch
from torch.utils.data import Dataset

from augment import center
from mixins import Jitter


class Frames(Jitter, Dataset):
    def __init__(self):
        self.frames = torch.rand(4, 3, 8)

    def __len__(self):
        return len(self.frames)

    def __getitem__(self, index):
        frame = self.frames[index].clone()
        center(frame)
        self.jitter(frame)
        return frame

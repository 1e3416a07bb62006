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
        frame = self.frames[index]
        center(frame)  # expect: CPS101
        self.jitter(frame)  # expect: CPS101
        return frame

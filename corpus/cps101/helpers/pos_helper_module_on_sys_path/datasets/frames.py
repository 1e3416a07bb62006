import os
import sys

import torch
from torch.utils.data import Dataset

sys.path.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                             "tools"))
import cloud_ops  # noqa: E402


class Frames(Dataset):
    def __init__(self):
        self.frames = torch.cat([torch.rand(2, 5, 3), torch.rand(2, 5, 3)])

    def __len__(self):
        return len(self.frames)

    def __getitem__(self, index):
        frame = self.frames[index][:4]
        frame = cloud_ops.shift(frame)  # expect: CPS101
        cloud_ops.swap_axes(frame)  # expect: CPS101
        return frame

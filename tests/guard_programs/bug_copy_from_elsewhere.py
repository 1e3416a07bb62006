"""A `copy_` from other memory is a write like any other: into stored data in `__getitem__`
(CPS101), and through a state_dict that is then saved as if separate (CPS201)."""
import io

import torch
from torch.utils.data import Dataset


class Images(Dataset):
    def __init__(self):
        self.images = torch.ones(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, index):
        image = self.images[index]
        image.copy_(self.images[index] * 2)  # expect: CPS101
        return image


data = Images()
for i in range(len(data)):
    data[i]

model = torch.nn.Linear(2, 2)
zeroed = model.state_dict()
zeroed["weight"].copy_(torch.zeros(2, 2))  # expect: CPS201
torch.save(zeroed, io.BytesIO())

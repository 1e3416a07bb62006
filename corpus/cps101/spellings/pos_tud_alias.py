"""CPS101: base spelled `tud.Dataset` after `import torch.utils.data as tud`."""
import torch
import torch.utils.data as tud


class Samples(tud.Dataset):
    def __init__(self):
        self.values = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        x = self.values[idx]
        x -= 1  # expect: CPS101
        return x

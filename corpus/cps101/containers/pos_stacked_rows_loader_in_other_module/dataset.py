from torch.utils.data import Dataset

from sequences import read_windows


class Windows(Dataset):
    def __init__(self):
        self.windows, self.targets = read_windows(2)

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, idx):
        window = self.windows[idx]
        window -= window.mean(axis=0)  # expect: CPS101
        return window, self.targets[idx]

"""With worker processes the change happens in a worker: the worker reports to the parent."""
import torch
from torch.utils.data import DataLoader, Dataset


class Noisy(Dataset):
    def __init__(self):
        self.data = torch.zeros(8, 2)

    def __len__(self):
        return 8

    def __getitem__(self, index):
        x = self.data[index]
        x.add_(1.0)  # expect: CPS101
        return x


if __name__ == "__main__":
    for batch in DataLoader(Noisy(), batch_size=4, num_workers=2):
        pass

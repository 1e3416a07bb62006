"""A stored list extended with `+=`: `copy.deepcopy` it (and `import copy` is added)."""
import copy

from torch.utils.data import Dataset


class Tokens(Dataset):
    def __init__(self):
        self.tokens = [[1, 2], [3, 4]]

    def __len__(self):
        return len(self.tokens)

    def __getitem__(self, idx):
        ids = copy.deepcopy(self.tokens[idx])
        ids += [0]
        return ids

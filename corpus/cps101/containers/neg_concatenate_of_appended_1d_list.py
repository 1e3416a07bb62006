"""Near miss of `pos_concatenate_of_appended_list`: the members appended to the list are 1-D,
so the joined array is 1-D too (`np.concatenate` keeps the members' dimensions; only
`np.stack` adds one), `self.scores[item]` is a NumPy scalar, a copy, and the helper's `+=`
re-binds its own name: the stored scores stay as they were."""
# near-miss: CPS101
import numpy as np
from torch.utils.data import Dataset


def jitter(value, sigma=0.01):
    value += sigma
    return value


def load_split(count):
    parts = []
    for _ in range(count):
        parts.append(np.zeros(2).astype("float32"))
    parts = np.concatenate(parts, axis=0)
    return parts, np.zeros(2 * count)


class Scores(Dataset):
    def __init__(self):
        self.scores, self.labels = load_split(2)

    def __len__(self):
        return 4

    def __getitem__(self, item):
        value = self.scores[item]
        value = jitter(value)
        return value, self.labels[item]

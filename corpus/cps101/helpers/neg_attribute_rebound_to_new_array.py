"""Near-miss of CPS101: the helper rebinds the attribute to a new array (`np.empty`) before
writing into it, so its writes fill that new array; nothing stored before is changed (a
lazy index cache, as real dataset wrappers keep one)."""
# near-miss: CPS101
import numpy as np
from torch.utils.data import Dataset


class LazyIndices(Dataset):
    def __init__(self):
        self._lists = [[0, 1], [2, 3, 4]]
        self._offset = 10
        self._eager = None
        self._to_eager()

    def _to_eager(self):
        if self._eager is not None:
            return
        self._eager = np.empty(sum(len(x) for x in self._lists), dtype=np.int64)
        at = 0
        for lst in self._lists:
            self._eager[at:at + len(lst)] = lst
            self._eager[at:at + len(lst)] += self._offset
            at += len(lst)

    def __len__(self):
        return len(self._eager)

    def __getitem__(self, i):
        if self._eager is None:
            self._to_eager()
        return int(self._eager[i])

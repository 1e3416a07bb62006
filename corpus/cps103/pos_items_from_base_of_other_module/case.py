"""CPS103: a base of another module keeps `self.items, self.count = load_items(n)` (lists
built by its module's function, unpacked from a tuple); the subclass appends a flag to the
stored list it reads: the list grows by one on every read."""
from item_lists import Frames


class Flagged(Frames):
    def __len__(self):
        return self.count

    def __getitem__(self, i):
        sample = self.items[i]
        sample.append(i % 2 == 0)  # expect: CPS103
        return sample

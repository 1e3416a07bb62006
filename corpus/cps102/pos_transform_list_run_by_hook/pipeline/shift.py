from .history import Recorded


class Shift(Recorded):
    def __call__(self, data):
        d = dict(data)
        self.note(d, "history")
        d["x"] = d["x"] + 1
        return d

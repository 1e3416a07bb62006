"""A dictionary transform in MONAI's style: it shallow-copies the dict (`dict(data)`), then
replaces the image entry with a new tensor (out of place)."""


class ScaleImaged:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, data):
        d = dict(data)
        d["image"] = d["image"] * self.factor
        return d

"""A dictionary transform in MONAI's style: it shallow-copies the dict (`dict(data)`), then
changes the image entry in place."""


class ScaleImaged:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, data):
        d = dict(data)
        d["image"] *= self.factor  # expect: CPS102
        return d

"""A transform that scales the image it is given in place."""


class ScaleImage:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, data):
        data["image"].mul_(self.factor)  # expect: CPS101
        return data

"""Feature dropout as a transform: a helper scales the features it is given in place."""


def drop_features(x, keep):
    x.mul_(keep)  # expect: CPS101
    return x


class DropFeatures:
    def __init__(self, keep):
        self.keep = keep

    def __call__(self, data):
        data.x = drop_features(data.x, self.keep)
        return data

def apply_transform(transform, data):
    return transform(data)


class Compose:
    def __init__(self, transforms):
        self.transforms = list(transforms)

    def __call__(self, data):
        for t in self.transforms:
            data = apply_transform(t, data)
        return data

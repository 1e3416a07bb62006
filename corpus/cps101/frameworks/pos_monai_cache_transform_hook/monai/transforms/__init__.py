"""Stand-in for MONAI's `Compose` (not installed here), as in `monai/transforms/compose.py`
(1.6.1) without its options: each transform in turn, on what the previous one returned."""


class Compose:
    def __init__(self, transforms=None):
        if transforms is None:
            transforms = []
        self.transforms = list(transforms) if isinstance(transforms, (list, tuple)) \
            else [transforms]

    def __call__(self, data):
        for t in self.transforms:
            data = t(data)
        return data

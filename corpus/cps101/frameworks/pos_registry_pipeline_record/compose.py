"""A composer that builds the config dicts of its list through the registry (mmdet 2.x's
`Compose`)."""
from registry import PIPELINES, build_from_cfg


class Compose:
    def __init__(self, transforms):
        self.transforms = []
        for transform in transforms:
            if isinstance(transform, dict):
                transform = build_from_cfg(transform, PIPELINES)
            self.transforms.append(transform)

    def __call__(self, data):
        for t in self.transforms:
            data = t(data)
        return data

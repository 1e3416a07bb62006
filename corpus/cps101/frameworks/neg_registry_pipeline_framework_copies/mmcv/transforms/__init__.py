"""Stand-in for mmcv's `BaseTransform` (not installed here), as in
`mmcv/transforms/base.py` (2.x): calling a transform runs its `transform` method."""


class BaseTransform:
    def __call__(self, results):
        return self.transform(results)

    def transform(self, results):
        raise NotImplementedError

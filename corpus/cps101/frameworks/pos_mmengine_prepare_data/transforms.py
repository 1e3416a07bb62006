"""A transform that scales the boxes of the results it is given in place."""


class ScaleBoxes:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, results):
        results["gt_bboxes"].mul_(self.factor)  # expect: CPS101
        return results

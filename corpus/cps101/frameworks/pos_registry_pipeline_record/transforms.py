"""Transforms registered with the project's registry: one flips the boxes it is given in
place."""
from registry import PIPELINES


@PIPELINES.register_module(name="Flip")
class FlipBoxes:
    def __init__(self, width):
        self.width = width

    def __call__(self, results):
        boxes = results["gt_bboxes"]
        boxes[:, 0] = self.width - boxes[:, 0]  # expect: CPS101
        return results

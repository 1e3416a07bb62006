"""Registered transforms: one flips the boxes of the results it is given in place."""
from mmcv.transforms import BaseTransform
from mmengine.registry import TRANSFORMS


@TRANSFORMS.register_module(name="Flip")
class FlipBoxes(BaseTransform):
    def __init__(self, width):
        self.width = width

    def transform(self, results):
        boxes = results["gt_bboxes"]
        boxes[:, 0] = self.width - boxes[:, 0]  # expect: CPS101
        return results


@TRANSFORMS.register_module()
class PackBoxes(BaseTransform):
    def transform(self, results):
        return {"inputs": results["gt_bboxes"]}

"""CPS101 through mmengine's `prepare_data` hook: mmengine's `__getitem__` (framework code,
described by the framework table) calls `Boxes.prepare_data`, which passes the stored
annotation entry, uncopied, to `self.pipeline` (the framework composes the list given at
construction); the transform scales the stored boxes in place. Reported on the transform's
line, and in `dataset.py` on the call of the pipeline."""
from dataset import Boxes
from transforms import ScaleBoxes


def datasets():
    return [Boxes(pipeline=[ScaleBoxes(2.0)])]

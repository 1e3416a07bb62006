"""CPS101 through a registry pipeline and a results dict made by `dict(k=v)`: its
`gt_bboxes` entry is a view of the stored boxes, and the transform registered as `Flip`
(built by the project's `Compose` from `dict(type="Flip", width=8)`) flips them in place.
Reported on the transform's line, and in `dataset.py` on the call of the pipeline."""
import transforms  # noqa: F401  (registers the transforms)
from dataset import Boxes


def datasets():
    return [Boxes(pipeline=[dict(type="Flip", width=8)])]

"""Near-miss of CPS101: the same registry pipeline flips the boxes in place, but the
dataset keeps mmengine's own `get_data_info`, which hands the pipeline a deep copy of the
stored entry (the framework table's `copies`): only the copy changes."""
# near-miss: CPS101
import transforms  # noqa: F401  (registers the transforms)
from configs import train_pipeline
from dataset import Boxes


def datasets():
    return [Boxes(pipeline=train_pipeline)]

"""CPS101 through a registry pipeline: the pipeline is a list of config dicts in a config
module; mmengine's `Compose` builds each through `TRANSFORMS` (the class registered as
`Flip`), and `prepare_data` runs it on what `Boxes.get_data_info` hands out: the stored
annotation entry, whose boxes the transform flips in place. Reported on the transform's
line only: the framework's own `prepare_data` calls the pipeline, and `dataset.py` has no
line that hands the entry to it."""
import transforms  # noqa: F401  (registers the transforms)
from configs import train_pipeline
from dataset import Boxes


def datasets():
    return [Boxes(pipeline=train_pipeline)]

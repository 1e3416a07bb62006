"""CPS103 through a registry pipeline given as the class's default: `Compose` builds
`dict(type="Normalize", ...)` through the project's registry (`Normalize` is registered with
`PIPELINES.register_module(module=Normalize)`), and `Normalize` writes a new `img` entry
into the stored sample dict it is handed. Reported on the transform's line, and in
`dataset.py` on the call of the pipeline."""
import transforms  # noqa: F401  (registers the transforms)
from dataset import Samples


def datasets():
    return [Samples()]

"""Near-miss of CPS103: the same registry pipeline writes a new `img` entry, but into
`dict(sample)`, a new dict: the stored sample keeps its own entry."""
# near-miss: CPS103
import transforms  # noqa: F401  (registers the transforms)
from dataset import Samples


def datasets():
    return [Samples()]

"""Near-miss of CPS101: as `pos_instance_method_of_imported_class`, but `fit` rebinds its
parameter to a centred copy (`points = points - points.mean(0)`) before measuring it:
the stored clouds stay as they were."""
# near-miss: CPS101
from dataset import Clouds


def datasets():
    return [Clouds()]

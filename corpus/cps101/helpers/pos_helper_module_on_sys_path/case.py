"""CPS101 through a helper module the dataset's module finds on `sys.path`: the dataset
appends the folder `tools/` beside its own and calls `cloud_ops.shift(x)` and
`cloud_ops.swap_axes(x)` by module attribute; both change their argument in place, so the
stored frames accumulate the shift and swap with every read."""
import os
import sys

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "datasets"))

from frames import Frames  # noqa: E402


def datasets():
    return [Frames()]

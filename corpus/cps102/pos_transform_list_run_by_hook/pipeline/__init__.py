from .compose import Compose, apply_transform  # noqa: F401
from .shift import Shift  # noqa: F401

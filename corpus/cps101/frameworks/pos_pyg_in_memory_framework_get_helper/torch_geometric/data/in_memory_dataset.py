"""Stand-in for `torch_geometric/data/in_memory_dataset.py` (see the package)."""
from . import InMemoryDataset  # noqa: F401

"""Near-miss of CPS101: as `pos_pyg_in_memory_framework_get`, but the transform rebinds the
record's `edge_attr` to a clone before writing the mask vector: PyG's own `get` still hands
out views of the collated store, and the write lands in the item's own copy."""
# near-miss: CPS101
from dataset import Interactions
from transforms import MaskEdge


def datasets():
    return [Interactions("interactions.pt", transform=MaskEdge(0.15))]

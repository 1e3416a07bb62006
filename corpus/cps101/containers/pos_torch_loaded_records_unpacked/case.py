"""CPS101 with stored records of unknown kind from a loader in another module (a
`torch.load` result): each record is unpacked (`frames, target = self.records[i]`), and
indexing `frames[..., :2]` proves that part an array, so scaling that slice in place changes
the stored frames."""
from dataset import Clips


def datasets():
    return [Clips()]

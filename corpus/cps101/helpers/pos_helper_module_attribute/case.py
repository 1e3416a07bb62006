"""CPS101 through a helper module imported whole from a package of the project (`from augment
import noise`, then `noise.add(x)`): the helper adds noise to its argument in place."""
from dataset import Points


def datasets():
    return [Points()]

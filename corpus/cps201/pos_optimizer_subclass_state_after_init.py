"""CPS201: an Optimizer subclass binds `self.state` to a state_dict after the base class's
`__init__` has run: nothing replaces it then, and halving its entries halves the module.

(The near-miss `neg_optimizer_subclass_state_rebound.py` binds it before the base's
`__init__`, which replaces it.)
"""
import torch


class Halver(torch.optim.Optimizer):
    def __init__(self, net):
        torch.optim.Optimizer.__init__(self, list(net.parameters()), {})
        self.state = net.state_dict()  # after the base's __init__: the module's own tensors

    def soften(self):
        for k in self.state:
            self.state[k].mul_(0.5)  # expect: CPS201


def main():
    net = torch.nn.Linear(3, 2)
    halver = Halver(net)
    halver.soften()
    return net

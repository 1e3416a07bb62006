"""Near-miss of CPS201: an Optimizer subclass binds `self.state` to a state_dict before
calling the base class's `__init__`, which rebinds it.

`torch.optim.Optimizer.__init__` assigns `self.defaults`, `self.state = defaultdict(dict)`
and `self.param_groups`: after `super().__init__(...)` `self.state` is the optimizer's
per-parameter state, so writing `self.state[p]["..."]` never touches the module (a real case,
swa_gaussian's `KFACLaplace`). Bound after the base's `__init__`, it would be the module's
state_dict (`pos_kept_on_attribute.py`).
"""
# near-miss: CPS201
import torch


class CurvatureTracker(torch.optim.Optimizer):
    def __init__(self, net):
        self.net = net
        self.state = net.state_dict()  # rebound by Optimizer.__init__ below
        super().__init__(list(net.parameters()), {})

    def step(self, closure=None):
        for group in self.param_groups:
            for weight in group["params"]:
                state = self.state[weight]
                state["sq"] = weight.grad * weight.grad
                state["sq"].mul_(0.5)
                weight.data.add_(-0.1 * weight.grad)


def main():
    net = torch.nn.Linear(3, 2)
    tracker = CurvatureTracker(net)
    net(torch.ones(4, 3)).sum().backward()
    tracker.step()
    return net, sorted(k for k in net.state_dict())

"""wjmaddox/swa_gaussian@61a918f swag/posteriors/laplace.py (a miss, latent, and the reason its
12 CPS201 reports are false).

1. Line 105, `KFACLaplace.load_state_dict`: `self.mean_state = self.net.state_dict()` keeps the
   live tensors of `net`; `sample()` then adds noise to those tensors in place
   (`weight.data.add_(...)`), so `net.load_state_dict(self.mean_state)` (how the experiment
   scripts restore the mean before each sample) restores nothing and the samples drift as a
   random walk. The scripts build the wrapper after loading the checkpoint into the bare
   model, so they use the deep copy taken in `__init__` (line 64) and are not affected.
2. Line 63, `self.state = net.state_dict()`, is rebound by `torch.optim.Optimizer.__init__`
   (`self.state = defaultdict(dict)`) three dozen lines later, before any use: every write
   `state = self.state[weight]; state["ixxt"] = ...` goes to the optimizer's per-parameter
   state, never to `net`.
"""
import copy

import torch
from torch import nn


class KFACLaplaceLike(torch.optim.Optimizer):
    def __init__(self, net, live_mean):
        self.net = net
        self.state = net.state_dict()                 # as the repository does (line 63)
        self.mean_state = copy.deepcopy(self.state)   # line 64
        self.live_mean = live_mean
        super().__init__(list(net.parameters()), {})

    def load_state_dict(self, checkpoint):
        self.net.load_state_dict(checkpoint)
        if self.live_mean:
            self.mean_state = self.net.state_dict()   # as the repository does (line 105)
        else:
            self.mean_state = copy.deepcopy(self.net.state_dict())

    def sample(self, scale):
        for p in self.net.parameters():
            p.data.add_(scale * torch.randn_like(p))


torch.manual_seed(0)
net = nn.Linear(3, 2)
wrapper = KFACLaplaceLike(net, live_mean=True)
print("self.state after Optimizer.__init__:", type(wrapper.state).__name__,
      "| is it net's state_dict?", isinstance(wrapper.state, dict) and "weight" in wrapper.state)
assert "weight" not in wrapper.state

checkpoint = {k: v.clone() for k, v in net.state_dict().items()}


def drift(live_mean):
    torch.manual_seed(1)
    model = KFACLaplaceLike(nn.Linear(3, 2), live_mean)
    model.load_state_dict(checkpoint)
    for _ in range(50):
        model.net.load_state_dict(model.mean_state)   # restore the mean before each sample
        model.sample(0.1)
    model.net.load_state_dict(model.mean_state)
    return (model.net.weight - checkpoint["weight"]).abs().max().item()


live, copied = drift(True), drift(False)
print(f"distance from the mean after 50 samples: live mean_state {live:.3f}, copied {copied:.3f}")
assert live > 0.3 and copied == 0.0
print("CONFIRMED: with the live mean_state the mean is never restored; samples random-walk")

"""CharlieDinh/pFedMe@caf24b1 FLAlgorithms/users/userpFedMe.py:50 and its port
TsingZ0/PFLlib@d832e76 system/flcore/clients/clientpFedMe.py:56 (CPS203-kind misses).

Shape: a project Optimizer subclass updates `p.data` in its `step` and returns
`group['params']`, i.e. the live Parameters of the model. The client keeps that list as the
personalised model theta; training ends by setting the model's parameters to the local model w
(`param.data = w.clone()`); the personalised evaluation then "loads" theta, which by now holds
w. The personalised numbers are the local model's.
"""
import copy

import torch
from torch import nn
from torch.optim import Optimizer


class ProximalStep(Optimizer):
    """One step of the pFedMe inner problem; returns the parameter list it stepped."""

    def __init__(self, params, lr=0.09, lamda=15.0, mu=0.001):
        super().__init__(params, dict(lr=lr, lamda=lamda, mu=mu))

    def step(self, anchor):
        for group in self.param_groups:
            for p, w in zip(group["params"], anchor):
                p.data = p.data - group["lr"] * (p.grad.data + group["lamda"] * (p.data - w.data)
                                                 + group["mu"] * p.data)
        return group["params"]


def assign(model, params):
    for p, new in zip(model.parameters(), params):
        p.data = new.data.clone()


torch.manual_seed(0)
model = nn.Linear(4, 1)
local = copy.deepcopy(list(model.parameters()))           # w
optimizer = ProximalStep(model.parameters())
x, y = torch.randn(16, 4), torch.randn(16, 1)
for _ in range(5):                                         # K personalised steps
    optimizer.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    personalised = optimizer.step(local)                   # kept as theta
theta = [p.detach().clone() for p in personalised]         # what theta is at this point
for p, w in zip(personalised, local):
    w.data = w.data - 15.0 * 0.01 * (w.data - p.data)      # local update
assign(model, local)                                       # end of training
assign(model, personalised)                                # personalised evaluation
evaluated = [p.detach() for p in model.parameters()]
gap_theta = max((a - b).abs().max().item() for a, b in zip(evaluated, theta))
gap_local = max((a - b.detach()).abs().max().item() for a, b in zip(evaluated, local))
print("evaluated vs theta:", gap_theta, "| evaluated vs w:", gap_local)
assert gap_theta > 0 and gap_local == 0
print("CONFIRMED: the personalised evaluation runs the local model w, not theta")

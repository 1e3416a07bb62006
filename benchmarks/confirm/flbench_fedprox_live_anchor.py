"""KarhouTam/FL-bench@60e1444 src/client/fedprox.py:11 (a CPS203-kind miss; fixed upstream in
d869d61, "Add necessary tensor copy operation in FedProx").

Shape: the proximal anchor is `list(model.parameters())`, taken before local training with an
optimizer on the same parameters; the proximal gradient `mu * (w - anchor)` is then always
zero and FedProx trains as FedAvg. With `[p.detach().clone() ...]` (the fix) it is not.
"""
import torch
from torch import nn


def local_fit(model, batches, mu, copy_anchor):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    if copy_anchor:
        anchor = [p.detach().clone() for p in model.parameters()]
    else:
        anchor = list(model.parameters())
    largest = 0.0
    for x, y in batches:
        optimizer.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        for p, a in zip(model.parameters(), anchor):
            pull = mu * (p.data - a.data)
            largest = max(largest, pull.abs().max().item())
            p.grad.data += pull
        optimizer.step()
    return largest


batches = [(torch.randn(8, 3), torch.randn(8, 1)) for _ in range(5)]
torch.manual_seed(0)
live = local_fit(nn.Linear(3, 1), batches, mu=1.0, copy_anchor=False)
torch.manual_seed(0)
copied = local_fit(nn.Linear(3, 1), batches, mu=1.0, copy_anchor=True)
print("largest proximal pull, live anchor:", live, "| copied anchor:", copied)
assert live == 0.0 and copied > 0
print("CONFIRMED: with the live anchor the proximal term is always zero")

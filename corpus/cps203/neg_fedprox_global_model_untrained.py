"""Near-miss of CPS203: FedProx with a local copy: the anchor is `list(global_model.parameters())`
and the optimizer is built on `local.parameters()` (`local = copy.deepcopy(global_model)`), so
the steps never change the anchor's module."""
# near-miss: CPS203
import copy

import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    global_model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    local = copy.deepcopy(global_model)
    anchor = list(global_model.parameters())
    opt = torch.optim.SGD(local.parameters(), lr=0.2)
    for _ in range(4):
        opt.zero_grad()
        prox = sum(((w - a) ** 2).sum() for w, a in zip(local.parameters(), anchor))
        (F.mse_loss(local(x), y) + 5.0 * prox).backward()
        opt.step()
    return local, global_model

"""Near-miss of CPS202: `copy.deepcopy(model).cpu().state_dict()` is the state of a copy (`.cpu()`
returns the copy itself): training the model leaves it alone."""
# near-miss: CPS202
import copy

import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(8, 3), torch.randn(8, 1)
    start = copy.deepcopy(model).cpu().state_dict()
    for _ in range(3):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    return {k: v - start[k] for k, v in model.state_dict().items()}

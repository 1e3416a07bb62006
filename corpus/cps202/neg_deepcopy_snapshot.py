"""Near-miss of CPS202: early stopping done right, with `copy.deepcopy(model.state_dict())`."""
# near-miss: CPS202
import copy

import torch
import torch.nn.functional as F


def main():
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    x, y = torch.randn(16, 2), torch.randn(16, 1)
    xv, yv = torch.randn(16, 2), torch.randn(16, 1)
    best, best_state = float("inf"), None
    for epoch in range(6):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
        with torch.no_grad():
            val_loss = F.mse_loss(model(xv), -yv).item()
        if val_loss < best:
            best = val_loss
            best_state = copy.deepcopy(model.state_dict())
    model.load_state_dict(best_state)
    return model

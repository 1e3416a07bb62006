"""CPS202: the "best model" bug: `best_state = model.state_dict()` keeps live tensors.

Training goes on after the best epoch, so `best_state` follows the weights and loading it at
the end restores nothing: the model ends at the last epoch, not the best one.
"""
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
            best_state = model.state_dict()  # expect: CPS202
    model.load_state_dict(best_state)
    return model

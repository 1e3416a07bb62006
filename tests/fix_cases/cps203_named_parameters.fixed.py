"""The best weights kept as a dict of the live named parameters: the fix keeps detached clones."""
import torch
import torch.nn.functional as F


def train(model: torch.nn.Module, opt, x, y, xv, yv):
    best_loss, best = float("inf"), None
    for _ in range(5):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
        with torch.no_grad():
            val = F.mse_loss(model(xv), yv).item()
        if val < best_loss:
            best_loss = val
            best = {n: p.detach().clone() for n, p in model.named_parameters()}
    with torch.no_grad():
        for n, p in model.named_parameters():
            p.copy_(best[n])
    return model

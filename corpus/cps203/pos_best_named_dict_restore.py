"""CPS203: the best epoch's weights kept as `{n: p for n, p in model.named_parameters()}` are the
live parameters: restoring them at the end leaves the last epoch's weights."""
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    xv, yv = torch.randn(16, 3), torch.randn(16, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.3)
    best_loss, best = float("inf"), None
    for _ in range(5):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
        with torch.no_grad():
            val = F.mse_loss(model(xv), -yv).item()
        if val < best_loss:
            best_loss = val
            best = {n: p for n, p in model.named_parameters()}  # expect: CPS203
    with torch.no_grad():
        for n, p in model.named_parameters():
            p.copy_(best[n])
    return model

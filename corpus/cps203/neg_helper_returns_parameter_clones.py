"""Near-miss of CPS203: the helper returns `[p.detach().clone() ...]`, real copies of the
parameters, so the proximal term measures the drift from the global weights."""
# near-miss: CPS203
import torch
import torch.nn.functional as F


def anchor_of(model):
    return [p.detach().clone() for p in model.parameters()]


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    anchor = anchor_of(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.2)
    for _ in range(4):
        opt.zero_grad()
        prox = sum(((w - a) ** 2).sum() for w, a in zip(model.parameters(), anchor))
        (F.mse_loss(model(x), y) + 5.0 * prox).backward()
        opt.step()
    return model

"""CPS203 through a helper: `anchor_of(model)` returns `list(model.parameters())`, the live
tensors, so the proximal term against the "global weights" is always zero (FedProx)."""
import torch
import torch.nn.functional as F


def anchor_of(model):
    return list(model.parameters())


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    anchor = anchor_of(model)  # expect: CPS203
    opt = torch.optim.SGD(model.parameters(), lr=0.2)
    for _ in range(4):
        opt.zero_grad()
        prox = sum(((w - a) ** 2).sum() for w, a in zip(model.parameters(), anchor))
        (F.mse_loss(model(x), y) + 5.0 * prox).backward()
        opt.step()
    return model

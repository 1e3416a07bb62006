"""Near-miss of CPS203: the kept parameters are read only before training starts (their norm
at initialisation)."""
# near-miss: CPS203
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    init = dict(model.named_parameters())
    init_norm = sum(float(p.norm()) for p in init.values())
    opt = torch.optim.SGD(model.parameters(), lr=0.2)
    for _ in range(3):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    return model, init_norm

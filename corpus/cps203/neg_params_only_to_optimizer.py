"""Near-miss of CPS203: `params = list(model.parameters())` is kept only to build the optimizer
(which wants the live parameters) and to count them."""
# near-miss: CPS203
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    params = list(model.parameters())
    opt = torch.optim.SGD(params, lr=0.2)
    for _ in range(3):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    return model, sum(p.numel() for p in params)

"""CPS203: a federated client keeps `{name: p.data ...}` as the weights it started from and
sends `w - w_start` as its update. `.data` is the parameter's memory under another tensor
object (with its own version counter): the dict follows training and every update is zero."""
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 2)
    x, y = torch.randn(16, 3), torch.randn(16, 2)
    start = {name: p.data for name, p in model.named_parameters()}  # expect: CPS203
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    return {name: (p - start[name]).detach() for name, p in model.named_parameters()}

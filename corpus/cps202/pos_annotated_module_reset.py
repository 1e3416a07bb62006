"""CPS202 where only an annotation says the receiver is a module: `reset_after(model: nn.Module,
...)` keeps `model.state_dict()` to undo a trial run, which the optimizer's steps follow."""
import torch
import torch.nn.functional as F
from torch import nn


def reset_after(model: nn.Module, opt, batches):
    start = model.state_dict()  # expect: CPS202
    for x, y in batches:
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    model.load_state_dict(start)


def main():
    torch.manual_seed(0)
    net = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(net.parameters(), lr=0.3)
    batches = [(torch.randn(8, 3), torch.randn(8, 1)) for _ in range(3)]
    reset_after(net, opt, batches)
    return net

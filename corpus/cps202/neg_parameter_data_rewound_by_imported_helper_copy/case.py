"""Near-miss of CPS202: the helper of another module rewinds with `param.data =
init[name].clone()`: each Parameter gets a new tensor, `initial` stays the initial weights."""
# near-miss: CPS202
import copy

import torch

from pruning import rewind


def main():
    torch.manual_seed(0)
    net = torch.nn.Linear(4, 2)
    initial = copy.deepcopy(net.state_dict())
    for level in range(3):
        if level:
            rewind(net, initial)
        optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
        for _ in range(2):
            optimizer.zero_grad()
            net(torch.ones(4, 4)).sum().backward()
            optimizer.step()
    return initial, net

"""Near-miss of CPS202: the rewind helper gives each Parameter a copy of the kept entry
(`param.data = init[name].clone()`): the caller's `initial` keeps the initial weights."""
# near-miss: CPS202
import copy

import torch


def rewind(model, init):
    for name, param in model.named_parameters():
        param.data = init[name].clone()


def main():
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

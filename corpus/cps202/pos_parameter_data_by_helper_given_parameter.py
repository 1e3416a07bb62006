"""CPS202: the caller loops over the module's Parameters and hands each one, with the kept
initial weights `init`, to `restore_entry(p, init, k)`, whose `p.data = init[k]` makes the
Parameter use the dict's own tensor. Which module the Parameter belongs to only the caller
knows; from the first restart on, training changes `init`, so later restarts restore trained
weights."""
import copy

import torch


def restore_entry(p, init, k):
    p.data = init[k]  # expect: CPS202


def main():
    torch.manual_seed(0)
    net = torch.nn.Linear(3, 2)
    init = copy.deepcopy(net.state_dict())
    for restart in range(3):
        for key, p in net.named_parameters():
            restore_entry(p, init, key)
        opt = torch.optim.SGD(net.parameters(), lr=0.1)
        for _ in range(2):
            opt.zero_grad()
            net(torch.ones(5, 3)).pow(2).sum().backward()
            opt.step()
    return init, net

"""Near-miss of CPS202: the helper given each Parameter restores it from a clone of the kept
entry (`p.data = init[k].clone()`): the Parameter gets its own memory, so training never
reaches `init` and every restart restores the initial weights."""
# near-miss: CPS202
import copy

import torch


def restore_entry(p, init, k):
    p.data = init[k].clone()


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

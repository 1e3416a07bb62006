"""CPS202: a helper of another module rewinds the module with `param.data = init[name]`: the
module's Parameters then use the caller's dict's own tensors, so the next round's training
changes `initial`, and every later rewind restores trained weights. Reported at the call,
where the caller hands its dict over."""
import copy

import torch

from pruning import rewind


def main():
    torch.manual_seed(0)
    net = torch.nn.Linear(4, 2)
    initial = copy.deepcopy(net.state_dict())
    for level in range(3):
        if level:
            rewind(net, initial)  # expect: CPS202
        optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
        for _ in range(2):
            optimizer.zero_grad()
            net(torch.ones(4, 4)).sum().backward()
            optimizer.step()
    return initial, net

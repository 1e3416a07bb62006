"""CPS202: a helper rewinds the module to the kept initial weights with `param.data =
init[name]` (the lottery-ticket rewind). The module's Parameters then use the caller's dict's
tensors: the next round's training changes `initial`, and the next rewind restores trained
weights. Reported at the helper's assignment, where the copy belongs."""
import copy

import torch


def rewind(model, init):
    for name, param in model.named_parameters():
        param.data = init[name]  # expect: CPS202


def train(model, optimizer):
    for _ in range(2):
        optimizer.zero_grad()
        model(torch.ones(4, 4)).sum().backward()
        optimizer.step()


def main():
    net = torch.nn.Linear(4, 2)
    initial = copy.deepcopy(net.state_dict())
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    for level in range(3):
        if level:
            rewind(net, initial)
            optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
        train(net, optimizer)
    return initial, net

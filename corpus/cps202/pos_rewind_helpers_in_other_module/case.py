"""CPS202 through two helpers of another module: `rewind(model, init)` loops over the
model's Parameters and calls `reset_parameter(param, init, name)`, whose
`param.data = init[name]` gives the Parameter the kept entry's own tensor. From the first
rewind on, pruning rounds train `initial` itself, so later rewinds restore trained weights."""
import copy

import torch
from pruning import rewind


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2)
    initial = copy.deepcopy(model.state_dict())
    for level in range(3):
        rewind(model, initial)  # expect: CPS202
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for _ in range(2):
            optimizer.zero_grad()
            model(torch.ones(4, 4)).sum().backward()
            optimizer.step()
    return initial, model

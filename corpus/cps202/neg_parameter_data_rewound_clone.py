"""Near-miss of CPS202: the rewind gives each Parameter a clone of the kept entry
(`p.data = init[k].clone()`): training changes the clone, `init` keeps the initial weights."""
# near-miss: CPS202
import copy

import torch


def main():
    model = torch.nn.Linear(4, 2)
    init = copy.deepcopy(model.state_dict())
    for _ in range(3):
        for name, param in model.named_parameters():
            param.data = init[name].clone()
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        for _ in range(2):
            opt.zero_grad()
            model(torch.ones(4, 4)).sum().backward()
            opt.step()
    return init, model

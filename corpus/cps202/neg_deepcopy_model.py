"""Near-miss of CPS202: `copy.deepcopy(model).state_dict()` belongs to a copy nobody trains."""
# near-miss: CPS202
import copy

import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    init_state = copy.deepcopy(model).state_dict()
    model(torch.ones(4, 2)).sum().backward()
    opt.step()
    model.load_state_dict(init_state)
    return model

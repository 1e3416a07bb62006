"""CPS202: a deep copy of the initial weights rewound into the module with `p.data = init[k]`
(a lottery-ticket rewind). The Parameter now uses the dict's own tensor: the next round's
training changes `init`, so every later rewind restores trained weights."""
import copy

import torch


def main():
    model = torch.nn.Linear(4, 2)
    init = copy.deepcopy(model.state_dict())
    for _ in range(3):
        for name, param in model.named_parameters():
            param.data = init[name]  # expect: CPS202
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        for _ in range(2):
            opt.zero_grad()
            model(torch.ones(4, 4)).sum().backward()
            opt.step()
    return init, model

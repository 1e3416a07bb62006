"""Near-miss of CPS202: the module adopts the loaded dict's tensors (`p.data = loaded[k]`) and
trains; afterwards only the dict's keys are read, never its values."""
# near-miss: CPS202
import copy

import torch


def main():
    model = torch.nn.Linear(4, 2)
    loaded = copy.deepcopy(model.state_dict())
    for name, param in model.named_parameters():
        param.data = loaded[name]
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        model(torch.ones(4, 4)).sum().backward()
        opt.step()
    return sorted(loaded), model

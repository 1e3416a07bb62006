"""Near-miss of CPS201: `damp(osd)` scales a state tensor of a deep copy of the optimizer's
state_dict, so the optimizer itself keeps its moments."""
# near-miss: CPS201
import copy
import io

import torch


def damp(osd):
    osd["state"][1]["exp_avg_sq"].mul_(0.5)


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.Adam(model.parameters(), lr=0.1)
    model(torch.ones(1, 2)).sum().backward()
    opt.step()
    osd = copy.deepcopy(opt.state_dict())
    damp(osd)
    buffer = io.BytesIO()
    torch.save(osd, buffer)
    return opt, buffer

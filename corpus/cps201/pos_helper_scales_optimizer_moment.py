"""CPS201 deep inside an optimizer's state_dict: `damp(osd)` scales
`osd["state"][1]["exp_avg_sq"]` in place, a live state tensor of the optimizer (Adam's
second moment of the bias), so the optimizer changes too and the saved dict is no record of
its state before."""
import io

import torch


def damp(osd):
    osd["state"][1]["exp_avg_sq"].mul_(0.5)


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.Adam(model.parameters(), lr=0.1)
    model(torch.ones(1, 2)).sum().backward()
    opt.step()
    osd = opt.state_dict()
    damp(osd)  # expect: CPS201
    buffer = io.BytesIO()
    torch.save(osd, buffer)
    return opt, buffer

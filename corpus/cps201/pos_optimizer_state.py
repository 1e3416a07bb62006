"""CPS201: `optimizer.state_dict()` holds the optimizer's live state tensors (Adam's exp_avg)."""
import io

import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.Adam(model.parameters(), lr=0.1)
    model(torch.ones(1, 2)).sum().backward()
    opt.step()
    osd = opt.state_dict()
    osd["state"][0]["exp_avg"].mul_(0)  # expect: CPS201
    buffer = io.BytesIO()
    torch.save(osd, buffer)
    return opt, buffer

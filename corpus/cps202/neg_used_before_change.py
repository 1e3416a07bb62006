"""Near-miss of CPS202: the state_dict is saved before the module changes, never after."""
# near-miss: CPS202
import io

import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sd = model.state_dict()
    buffer = io.BytesIO()
    torch.save(sd, buffer)
    model(torch.ones(4, 2)).sum().backward()
    opt.step()
    return buffer, model

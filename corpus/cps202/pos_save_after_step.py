"""CPS202: a state_dict taken before `optimizer.step()` and saved after it saves the new weights."""
import io

import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sd = model.state_dict()  # expect: CPS202
    model(torch.ones(4, 2)).sum().backward()
    opt.step()
    buffer = io.BytesIO()
    torch.save(sd, buffer)
    return buffer

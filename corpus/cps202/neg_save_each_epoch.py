"""Near-miss of CPS202: `torch.save(model.state_dict(), f)` every epoch serialises immediately."""
# near-miss: CPS202
import io

import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    checkpoints = []
    for epoch in range(3):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
        buffer = io.BytesIO()
        torch.save(model.state_dict(), buffer)
        checkpoints.append(buffer)
        ckpt = {"model": model.state_dict(), "epoch": epoch}
        torch.save(ckpt, io.BytesIO())
    return checkpoints

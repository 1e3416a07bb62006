"""Near-miss of CPS202: every round stores `model.state_dict()` into the same checkpoint slot,
reached through a record's field (`Box(checkpoint).value["model"] = ...`), right before
saving it: the slot holds this round's snapshot, never an old one."""
# near-miss: CPS202
import io

import torch
import torch.nn.functional as F


class Box:
    def __init__(self, value):
        self.value = value


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(8, 3), torch.randn(8, 1)
    checkpoint, saved = {}, []
    for r in range(3):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
        box = Box(checkpoint)
        box.value["model"] = model.state_dict()
        checkpoint["round"] = r
        buffer = io.BytesIO()
        torch.save(checkpoint, buffer)
        saved.append(buffer.getvalue())
    return model, saved

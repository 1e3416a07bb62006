"""Near-miss of CPS202: the checkpoint keeps the module's live state_dict in its "state"
slot, and a helper given the whole checkpoint after every step reads only its "norms" slot
(`log_norm(checkpoint, model)`); the snapshot slot is stored again right before each save,
so no old snapshot is ever read."""
# near-miss: CPS202
import io

import torch
import torch.nn.functional as F


def log_norm(checkpoint, model):
    checkpoint["norms"].append(float(model.weight.norm()))


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(8, 3), torch.randn(8, 1)
    checkpoint = {"norms": [], "state": None}
    saved = []
    for t in range(6):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
        log_norm(checkpoint, model)
        if t % 2 == 1:
            checkpoint["state"] = model.state_dict()
            buffer = io.BytesIO()
            torch.save(checkpoint, buffer)
            saved.append(buffer.getvalue())
    return model, saved

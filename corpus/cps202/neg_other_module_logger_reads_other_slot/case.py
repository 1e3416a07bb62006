"""Near-miss of CPS202 through helpers of another module: the checkpoint keeps the live
state_dict under "model", and `record(ckpt, loss)` (which hands `ckpt` on to
`push(ckpt, value)`) reads only `ckpt["history"]` after every step; the "model" slot is
stored again right before each save."""
# near-miss: CPS202
import io

import torch
import torch.nn.functional as F
from logbook import record


def main():
    torch.manual_seed(0)
    net = torch.nn.Linear(4, 2)
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    x, y = torch.randn(16, 4), torch.randn(16, 2)
    ckpt = {"history": [], "model": None}
    blobs = []
    for epoch in range(4):
        opt.zero_grad()
        loss = F.mse_loss(net(x), y)
        loss.backward()
        opt.step()
        record(ckpt, float(loss))
        if epoch % 2 == 1:
            ckpt["model"] = net.state_dict()
            buffer = io.BytesIO()
            torch.save(ckpt, buffer)
            blobs.append(buffer.getvalue())
    return net, blobs

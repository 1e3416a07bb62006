"""CPS202 in a SCAFFOLD client: `start = net.state_dict()` keeps the live weights before the
local steps, and the client's new control variate reads `start[k] - net.state_dict()[k]`
after them. The kept dict followed the training, so the difference, and the control
variate's correction, is zero."""
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    net = torch.nn.Linear(3, 1)
    c_global = {k: torch.zeros_like(v) for k, v in net.state_dict().items()}
    c_local = {k: torch.zeros_like(v) for k, v in net.state_dict().items()}
    x, y = torch.randn(8, 3), torch.randn(8, 1)
    steps, lr = 4, 0.1
    opt = torch.optim.SGD(net.parameters(), lr=lr)
    start = net.state_dict()  # expect: CPS202
    for _ in range(steps):
        opt.zero_grad()
        F.mse_loss(net(x), y).backward()
        opt.step()
        with torch.no_grad():
            for name, p in net.named_parameters():
                p.sub_(lr * (c_global[name] - c_local[name]))
    now = net.state_dict()
    c_new = {k: c_local[k] - c_global[k] + (start[k] - now[k]) / (steps * lr) for k in now}
    return net, c_new

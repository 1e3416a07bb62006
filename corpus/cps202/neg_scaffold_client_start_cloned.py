"""Near-miss of CPS202: the SCAFFOLD client of the positive case keeps a clone of each
tensor before the local steps (`{k: v.clone() ...}`), so `start[k] - now[k]` is the real
change the control variate corrects for."""
# near-miss: CPS202
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
    start = {k: v.clone() for k, v in net.state_dict().items()}
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

"""Near-miss of CPS202: Scaffold keeps the server's control variate `c_global.state_dict()` while
the client trains; the optimizer is built on `net.parameters()`, so its steps change `net`
only and the control variate keeps its values."""
# near-miss: CPS202
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    net = torch.nn.Linear(3, 1)
    c_global = torch.nn.Linear(3, 1)
    c_local = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    cg = c_global.state_dict()
    cl = c_local.state_dict()
    x, y = torch.randn(8, 3), torch.randn(8, 1)
    for _ in range(3):
        opt.zero_grad()
        F.mse_loss(net(x), y).backward()
        opt.step()
        with torch.no_grad():
            for name, p in net.named_parameters():
                p.sub_(0.1 * (cg[name] - cl[name]))
    return net, cg

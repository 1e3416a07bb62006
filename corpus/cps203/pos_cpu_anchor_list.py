"""CPS203: an L2-SP regulariser keeps `[p.cpu() for p in model.parameters()]` as the starting
weights. `.cpu()` of a tensor already on the CPU is that tensor: the penalty compares the live
weights with themselves. On a GPU `.cpu()` copies and the anchor is real: a device-dependent
verdict."""
# runtime[cuda]: unchanged
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Linear(4, 1))
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    start = [p.cpu() for p in model.parameters()]  # expect: CPS203
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    for _ in range(4):
        opt.zero_grad()
        penalty = sum(((p.cpu() - s) ** 2).sum() for p, s in zip(model.parameters(), start))
        (F.mse_loss(model(x), y) + 5.0 * penalty).backward()
        opt.step()
    return model

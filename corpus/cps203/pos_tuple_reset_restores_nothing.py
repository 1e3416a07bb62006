"""CPS203: `init = tuple(model.parameters())` is kept to reset the model after a trial run, but
the tuple holds the trained tensors themselves: copying them back restores nothing."""
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    init = tuple(model.parameters())  # expect: CPS203
    opt = torch.optim.SGD(model.parameters(), lr=0.2)
    for _ in range(3):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    with torch.no_grad():
        for p, p0 in zip(model.parameters(), init):
            p.copy_(p0)
    return model

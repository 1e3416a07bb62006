"""CPS202 in a holder of another module: `EarlyStopping(model)` keeps the model from `__init__`,
`step()` keeps `{k: v.cpu() ...}` of its state_dict (the same tensors on the CPU), and the
training loop here steps the optimizer between calls; `restore()` restores nothing."""
import torch
import torch.nn.functional as F
from stopping import EarlyStopping


def main():
    torch.manual_seed(0)
    model: torch.nn.Module = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.3)
    stopper = EarlyStopping(model)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    xv, yv = torch.randn(16, 3), torch.randn(16, 1)
    for _ in range(5):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
        with torch.no_grad():
            stopper.step(F.mse_loss(model(xv), -yv).item())
    stopper.restore()
    return model

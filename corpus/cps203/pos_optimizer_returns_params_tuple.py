"""CPS203 through a project optimizer whose `step` returns `(params, loss)`, `params` being
`self.param_groups[0]["params"]`: `theta, _ = opt.step()` keeps the module's own Parameters.
Restoring the model to theta after more steps copies the trained weights onto themselves."""
import torch
import torch.nn.functional as F
from torch.optim import Optimizer


class PersonalStep(Optimizer):
    def __init__(self, params, lr=0.2):
        super().__init__(params, dict(lr=lr))

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        params = self.param_groups[0]["params"]
        with torch.no_grad():
            for p in params:
                p.add_(p.grad, alpha=-self.param_groups[0]["lr"])
        return params, loss


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    opt = PersonalStep(model.parameters())
    opt.zero_grad()
    F.mse_loss(model(x), y).backward()
    theta, _ = opt.step()  # expect: CPS203
    for _ in range(3):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    with torch.no_grad():
        for p, t in zip(model.parameters(), theta):
            p.copy_(t)
    return model

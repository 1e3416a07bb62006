"""Near-miss of CPS203: a project optimizer's `step` that returns its loss (as torch's do),
not its param groups' parameters: keeping the result keeps no live weights."""
# near-miss: CPS203
import torch
import torch.nn.functional as F
from torch.optim import Optimizer


class PersonalStep(Optimizer):
    def __init__(self, params, lr=0.2):
        super().__init__(params, dict(lr=lr))

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        params = self.param_groups[0]["params"]
        for p in params:
            p.data.add_(p.grad, alpha=-self.param_groups[0]["lr"])
        return loss


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    opt = PersonalStep(model.parameters())
    losses = []
    for _ in range(4):
        opt.zero_grad()
        losses.append(opt.step(lambda: F.mse_loss(model(x), y).backward()))
    return model, losses

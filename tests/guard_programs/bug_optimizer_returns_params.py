"""A project optimizer whose `step` returns its param group's Parameters: `theta` keeps the
module's own Parameters, so the later "restore" to theta copies the trained weights onto
themselves."""
import torch
from torch.optim import Optimizer


class PersonalStep(Optimizer):
    def __init__(self, params, lr=0.2):
        super().__init__(params, dict(lr=lr))

    def step(self, closure=None):
        params = self.param_groups[0]["params"]
        with torch.no_grad():
            for p in params:
                p.add_(p.grad, alpha=-self.param_groups[0]["lr"])
        return params


def main():
    model = torch.nn.Linear(3, 1)
    opt = PersonalStep(model.parameters())
    model(torch.ones(2, 3)).sum().backward()
    theta = opt.step()  # expect: CPS203
    for _ in range(2):
        opt.zero_grad()
        model(torch.ones(2, 3)).sum().backward()
        opt.step()
    with torch.no_grad():
        for p, t in zip(model.parameters(), theta):
            p.copy_(t)


main()

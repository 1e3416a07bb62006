"""CPS203 through a project optimizer defined in the file, with no name imported from a
module (`torch.optim.Optimizer` spelled out): what its `step` returns is its param group's
Parameters, kept as the personalised weights while more steps run."""
import torch
import torch.nn.functional as F


class PersonalStep(torch.optim.Optimizer):
    def __init__(self, params, lr=0.2):
        super().__init__(params, dict(lr=lr))

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        with torch.no_grad():
            for group in self.param_groups:
                for p in group["params"]:
                    p.add_(p.grad, alpha=-group["lr"])
        return list(group["params"]), loss

    def weights(self):
        return [p.detach().clone() for p in self.param_groups[0]["params"]]


class Personalised:
    def __init__(self, model):
        self.model = model
        self.optimizer = PersonalStep(self.model.parameters())
        self.theta = None
        self.copies = None

    def train(self, x, y, steps):
        for _ in range(steps):
            self.optimizer.zero_grad()
            F.mse_loss(self.model(x), y).backward()
            self.theta, _ = self.optimizer.step()  # expect: CPS203:13
            self.copies = self.optimizer.weights()
        self.optimizer.zero_grad()
        F.mse_loss(self.model(x), y).backward()
        self.optimizer.step()

    def personalised_gap(self):
        return [t - c for t, c in zip(self.theta, self.copies)]

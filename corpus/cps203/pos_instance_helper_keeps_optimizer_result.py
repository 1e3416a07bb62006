"""CPS203: `take_step(learner, anchor)`, a function given the instance, keeps what the
project optimizer's `step` returns: its param groups' Parameters, the module's own. Training
then resets the module to the anchor, and the kept "personalised" weights follow it."""
import torch
from torch.optim import Optimizer


class AnchoredSGD(Optimizer):
    def __init__(self, params, lr=0.1):
        super().__init__(params, dict(lr=lr))

    def step(self, anchor):
        for group in self.param_groups:
            for p, a in zip(group["params"], anchor):
                p.data = p.data - group["lr"] * (p.grad.data + (p.data - a))
        return group["params"]


def take_step(learner, anchor):
    learner.theta = learner.opt.step(anchor)


class Learner:
    def __init__(self, model):
        self.model = model
        self.theta = None
        self.opt = AnchoredSGD(self.model.parameters())

    def fit(self, x, y):
        anchor = [p.detach().clone() for p in self.model.parameters()]
        self.opt.zero_grad()
        ((self.model(x) - y) ** 2).mean().backward()
        take_step(self, anchor)  # expect: CPS203
        for p, a in zip(self.model.parameters(), anchor):
            p.data = a.clone()

    def personalised(self):
        return [t.detach().clone() for t in self.theta]


def main():
    torch.manual_seed(0)
    learner = Learner(torch.nn.Linear(3, 1))
    learner.fit(torch.randn(8, 3), torch.randn(8, 1))
    return learner.personalised()

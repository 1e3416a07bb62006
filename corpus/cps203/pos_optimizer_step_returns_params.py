"""CPS203 through a project optimizer (pFedMe): `ProximalStep.step` returns
`group["params"]`, the module's own Parameters. The client keeps that list as the personalised
weights theta, ends training by setting the model to its local weights, and the personalised
evaluation then loads theta, which by now holds the local weights."""
import torch
import torch.nn.functional as F
from torch.optim import Optimizer


class ProximalStep(Optimizer):
    def __init__(self, params, lr=0.05, lamda=15.0):
        super().__init__(params, dict(lr=lr, lamda=lamda))

    def step(self, anchor):
        for group in self.param_groups:
            for p, w in zip(group["params"], anchor):
                p.data = p.data - group["lr"] * (p.grad.data + group["lamda"] * (p.data - w.data))
        return group["params"]


class Client:
    def __init__(self, model):
        self.model = model
        self.local = [p.detach().clone() for p in model.parameters()]
        self.personal = [p.detach().clone() for p in model.parameters()]
        self.optimizer = ProximalStep(self.model.parameters())

    def set_parameters(self, params):
        for p, new in zip(self.model.parameters(), params):
            p.data = new.data.clone()

    def train(self, x, y, steps):
        for _ in range(steps):
            self.optimizer.zero_grad()
            F.mse_loss(self.model(x), y).backward()
            self.personal = self.optimizer.step(self.local)  # expect: CPS203
        for theta, w in zip(self.personal, self.local):
            w.data = w.data - 0.15 * (w.data - theta.data)
        self.set_parameters(self.local)

    def evaluate_personalized(self, x):
        self.set_parameters(self.personal)
        out = self.model(x).detach()
        self.set_parameters(self.local)
        return out


def main():
    torch.manual_seed(0)
    client = Client(torch.nn.Linear(3, 1))
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    client.train(x, y, 4)
    return client.evaluate_personalized(x)

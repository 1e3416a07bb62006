"""CPS202 (q-FedAvg): the client keeps `self.learner.model.state_dict()` as the reference,
then `self.learner.fit_epochs(...)` trains that very module (the learner's method steps the
optimizer built on `self.model`). The reference now holds the trained weights, so the update
`w - reference` is zero."""
import torch


class Learner:
    def __init__(self, model, optimizer):
        self.model = model
        self.optimizer = optimizer

    def fit_epochs(self, x, y, n_epochs):
        for _ in range(n_epochs):
            self.optimizer.zero_grad()
            ((self.model(x) - y) ** 2).mean().backward()
            self.optimizer.step()


class Client:
    def __init__(self, model):
        self.learner = Learner(model, torch.optim.SGD(model.parameters(), lr=0.1))

    def step(self, x, y):
        initial = self.learner.model.state_dict()  # expect: CPS202
        self.learner.fit_epochs(x, y, 2)
        return {k: float((v - initial[k]).norm())
                for k, v in self.learner.model.state_dict().items()}


def main():
    torch.manual_seed(0)
    client = Client(torch.nn.Linear(3, 1))
    return client.step(torch.ones(4, 3), torch.zeros(4, 1))

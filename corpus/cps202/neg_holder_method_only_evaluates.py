"""Near-miss of CPS202: the method called on the holder after keeping its module's
state_dict only evaluates (no optimizer step, no load): the kept reference still holds the
weights it was taken at."""
# near-miss: CPS202
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

    def evaluate(self, x, y):
        with torch.no_grad():
            return float(((self.model(x) - y) ** 2).mean())


class Client:
    def __init__(self, model):
        self.learner = Learner(model, torch.optim.SGD(model.parameters(), lr=0.1))

    def step(self, x, y):
        initial = self.learner.model.state_dict()
        loss = self.learner.evaluate(x, y)
        return loss, {k: float((v - initial[k]).norm())
                      for k, v in self.learner.model.state_dict().items()}


def main():
    torch.manual_seed(0)
    client = Client(torch.nn.Linear(3, 1))
    return client.step(torch.ones(4, 3), torch.zeros(4, 1))

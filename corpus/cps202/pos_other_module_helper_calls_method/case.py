"""CPS202 through a helper of another module that calls a method of the instance it is
given: `snapshot_of(self)` returns `self.weights()`, the live `self.model.state_dict()`, so
the load after training restores nothing."""
import torch
from steps import snapshot_of


class Trainer:
    def __init__(self):
        self.model = torch.nn.Linear(2, 2)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.5)

    def weights(self):
        return self.model.state_dict()

    def fit(self):
        start = snapshot_of(self)  # expect: CPS202
        for _ in range(3):
            self.opt.zero_grad()
            self.model(torch.ones(4, 2)).sum().backward()
            self.opt.step()
        self.model.load_state_dict(start)
        return self.model


def main():
    torch.manual_seed(0)
    return Trainer().fit()

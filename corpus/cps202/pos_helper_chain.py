"""CPS202 through helpers: `current()` returns `_weights()`, which returns the live
`self.model.state_dict()`; `remember()` keeps it on an attribute and `restore()` loads it after
`step()` has trained the model.
"""
import torch


class Runner:
    def __init__(self):
        self.model = torch.nn.Linear(2, 1)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)
        self.best = None

    def _weights(self):
        return self.model.state_dict()

    def current(self):
        return self._weights()

    def remember(self):
        self.best = self.current()  # expect: CPS202

    def step(self):
        self.opt.zero_grad()
        self.model(torch.ones(4, 2)).sum().backward()
        self.opt.step()

    def restore(self):
        self.model.load_state_dict(self.best)
        return self.model


def main():
    runner = Runner()
    runner.remember()
    runner.step()
    runner.step()
    return runner.restore()

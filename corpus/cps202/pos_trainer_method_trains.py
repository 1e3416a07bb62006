"""CPS202 where the training is in a method of the class: `self._run_epoch()` steps the
optimizer between the "best" snapshot and the restore at the end of `fit`.
"""
import torch


class Runner:
    def __init__(self):
        self.model = torch.nn.Linear(2, 1)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)

    def _run_epoch(self):
        self.opt.zero_grad()
        self.model(torch.ones(4, 2)).sum().backward()
        self.opt.step()

    def fit(self, epochs):
        best = None
        for epoch in range(epochs):
            self._run_epoch()
            if epoch == 0:
                best = self.model.state_dict()  # expect: CPS202
        self.model.load_state_dict(best)
        return self.model


def main():
    return Runner().fit(3)

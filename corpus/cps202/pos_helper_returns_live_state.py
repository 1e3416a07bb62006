"""CPS202 through a helper: `get_state` returns `model.state_dict()`, so `best` is live too."""
import torch


class Trainer:
    def __init__(self):
        self.model = torch.nn.Linear(2, 2)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.5)

    def get_state(self):
        return self.model.state_dict()

    def fit(self):
        best = self.get_state()  # expect: CPS202
        for _ in range(3):
            self.model(torch.ones(4, 2)).sum().backward()
            self.opt.step()
        self.model.load_state_dict(best)
        return self.model


def main():
    return Trainer().fit()

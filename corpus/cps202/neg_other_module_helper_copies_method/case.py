"""Near-miss of CPS202: the helper of another module returns a deep copy of what the
instance's method returns, so the load after training restores the starting weights."""
# near-miss: CPS202
import torch
from steps import snapshot_of


class Trainer:
    def __init__(self):
        self.model = torch.nn.Linear(2, 2)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.5)

    def weights(self):
        return self.model.state_dict()

    def fit(self):
        start = snapshot_of(self)
        for _ in range(3):
            self.opt.zero_grad()
            self.model(torch.ones(4, 2)).sum().backward()
            self.opt.step()
        self.model.load_state_dict(start)
        return self.model


def main():
    torch.manual_seed(0)
    return Trainer().fit()

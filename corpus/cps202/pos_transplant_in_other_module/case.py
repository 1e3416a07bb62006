"""CPS202 through a helper of another module: `copy_optimizer(b, a)` runs
`b.opt.load_state_dict(a.opt.state_dict())`; an optimizer keeps the state tensors it is
given, so stepping `b` afterwards rewrites `a`'s Adam moments too."""
import torch
from sync import copy_optimizer


class Member:
    def __init__(self, seed):
        torch.manual_seed(seed)
        self.model = torch.nn.Linear(2, 1)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=0.1)

    def learn(self, n, scale=1.0):
        for _ in range(n):
            self.opt.zero_grad()
            (self.model(torch.ones(4, 2)) * scale).sum().backward()
            self.opt.step()


def main():
    a, b = Member(1), Member(2)
    a.learn(2)
    b.learn(1)
    copy_optimizer(b, a)  # expect: CPS202
    b.learn(2, scale=3.0)
    return a.opt

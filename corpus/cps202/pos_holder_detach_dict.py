"""CPS202 in a holder whose snapshot is built with `dict(...)` of `.detach()` — and a second one
with `.data` in a comprehension, bound to a local first and stored later.

`.detach()` and `.data` share storage with the weights on every device: both snapshots
follow the training and the restores bring back the last epoch.
"""
import torch


class Keeper:
    def __init__(self):
        self.best = None
        self.first = None

    def remember(self, model):
        self.best = dict((k, v.detach()) for k, v in model.state_dict().items())  # expect: CPS202

    def remember_first(self, model):
        state = {k: v.data for k, v in model.state_dict().items()}  # expect: CPS202
        if self.first is None:
            self.first = state

    def restore(self, model):
        model.load_state_dict(self.best)
        return {k: v.clone() for k, v in self.first.items()}


def main():
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    keeper = Keeper()
    for epoch in range(3):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
        keeper.remember_first(model)
        if epoch == 0:
            keeper.remember(model)
    first = keeper.restore(model)
    return model, first

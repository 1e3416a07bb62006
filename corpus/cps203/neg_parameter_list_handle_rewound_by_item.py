"""Near-miss of CPS203 (a second spelling): `self.params = list(self.net.parameters())` is the
class's handle: `rewind` gives each Parameter its initial weights through the list's items
(`self.params[i].data = init[i].clone()`), and `report` reads the list's norms after training,
wanting the trained values. Entries written by `.data =` are the module's live Parameters.
"""
# near-miss: CPS203
# runtime: mutated
import torch
import torch.nn.functional as F


class Pruner:
    def __init__(self):
        torch.manual_seed(0)
        self.net = torch.nn.Linear(3, 3)
        self.params = list(self.net.parameters())
        self.initial = [p.detach().clone() for p in self.net.parameters()]
        self.optimizer = torch.optim.SGD(self.net.parameters(), lr=0.1)

    def train(self):
        x, y = torch.randn(6, 3), torch.randn(6, 3)
        self.optimizer.zero_grad()
        F.mse_loss(self.net(x), y).backward()
        self.optimizer.step()

    def rewind(self):
        for i in range(len(self.params)):
            self.params[i].data = self.initial[i].clone()

    def report(self):
        return [p.norm().item() for p in self.params]


def main():
    pruner = Pruner()
    pruner.train()
    norms = pruner.report()
    pruner.rewind()
    return norms

"""Near-miss of CPS203 two functions down: `snapshot_weights(owner)` keeps clones of the
parameters on the instance, so the proximal term measures the distance from the start."""
# near-miss: CPS203
import torch


def snapshot_weights(owner):
    owner.reference = [p.detach().clone() for p in owner.net.parameters()]


def prepare(learner):
    snapshot_weights(learner)


class Learner:
    def __init__(self, net):
        self.net = net
        prepare(self)
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.1)

    def step(self, x):
        self.opt.zero_grad()
        prox = sum(((p - r) ** 2).sum() for p, r in zip(self.net.parameters(), self.reference))
        (self.net(x).pow(2).mean() + prox).backward()
        self.opt.step()
        return float(prox)


def main():
    torch.manual_seed(0)
    learner = Learner(torch.nn.Linear(3, 1))
    x = torch.randn(8, 3)
    return [learner.step(x) for _ in range(3)]

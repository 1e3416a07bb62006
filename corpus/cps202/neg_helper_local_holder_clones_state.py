"""Near-miss of CPS202: the `Keeper` that `snapshot(model)` makes keeps clones of the
state_dict it is given, so the start weights stay those of the start."""
# near-miss: CPS202
import torch


class Keeper:
    def __init__(self):
        self.kept = None

    def put(self, state):
        self.kept = {k: v.clone() for k, v in state.items()}


def snapshot(model):
    box = Keeper()
    box.put(model.state_dict())
    return box.kept


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    start = snapshot(model)
    for _ in range(3):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
    return sum(float((v - start[k]).abs().sum()) for k, v in model.state_dict().items())

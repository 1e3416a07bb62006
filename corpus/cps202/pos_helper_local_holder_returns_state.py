"""CPS202: `snapshot(model)` hands `model.state_dict()` to a `Keeper` it makes, whose `put`
keeps it, and returns `box.kept`: the live state_dict. The start weights the caller keeps
follow training, so the drift it measures is zero."""
import torch


class Keeper:
    def __init__(self):
        self.kept = None

    def put(self, state):
        self.kept = state


def snapshot(model):
    box = Keeper()
    box.put(model.state_dict())
    return box.kept


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    start = snapshot(model)  # expect: CPS202
    for _ in range(3):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
    return sum(float((v - start[k]).abs().sum()) for k, v in model.state_dict().items())

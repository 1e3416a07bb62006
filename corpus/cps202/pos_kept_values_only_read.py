"""CPS202: a drift monitor keeps `list(model.state_dict().values())` as the starting weights
and only reads it, while the module trains between its calls: the list holds the live
tensors, so the measured drift is always zero."""
import torch


class DriftMonitor:
    def __init__(self, model):
        self.model = model
        self.start = list(model.state_dict().values())  # expect: CPS202

    def drift(self):
        total = 0.0
        for now, start in zip(self.model.state_dict().values(), self.start):
            total += float((now - start).norm())
        return total


def train(model, optimizer, monitor):
    for _ in range(2):
        optimizer.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        optimizer.step()
    return monitor.drift()


def main():
    model = torch.nn.Linear(2, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    monitor = DriftMonitor(model)
    return train(model, optimizer, monitor)

"""CPS202 through a function of the module given the instance: `keep_best(self, model)` sets
`tracker.best = model.state_dict()` on the instance it is handed; the loop keeps training the
model, and `restore` loads the kept dict, which follows the weights: it restores nothing."""
import torch


def keep_best(tracker, model):
    tracker.best = model.state_dict()


class Tracker:
    def __init__(self):
        self.best = None
        self.best_loss = float("inf")

    def update(self, loss, model):
        if loss < self.best_loss:
            self.best_loss = loss
            keep_best(self, model)  # expect: CPS202

    def restore(self, model):
        model.load_state_dict(self.best)


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    tracker = Tracker()
    for epoch in range(3):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
        tracker.update(-1.0 if epoch == 0 else 1.0, model)
    tracker.restore(model)
    return model

"""CPS202 in a callback: `on_epoch_end(model, loss)` keeps the best `model.state_dict()` in one
call and `on_train_end(model)` loads it in a later one; the loop that calls the hooks steps
the optimizer in between.
"""
import torch


class BestWeights:
    def __init__(self):
        self.best_loss = float("inf")
        self.best = None

    def on_epoch_end(self, model, loss):
        if loss < self.best_loss:
            self.best_loss = loss
            self.best = model.state_dict()  # expect: CPS202

    def on_train_end(self, model):
        model.load_state_dict(self.best)


def fit(model, optimizer, callback, epochs):
    for epoch in range(epochs):
        optimizer.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        optimizer.step()
        callback.on_epoch_end(model, -1.0 if epoch == 0 else 1.0)
    callback.on_train_end(model)
    return model


def main():
    model = torch.nn.Linear(2, 1)
    return fit(model, torch.optim.SGD(model.parameters(), lr=0.1), BestWeights(), 3)

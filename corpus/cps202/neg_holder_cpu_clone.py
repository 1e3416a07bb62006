"""Near-miss of CPS202: an early stopper keeps `{k: v.cpu().clone() ...}` of the model it is
given, and the training loop restores it later.

`.clone()` makes a real copy even when `.cpu()` returned the same tensor (model on the CPU),
so the restored weights are the best epoch's.
"""
# near-miss: CPS202
import torch


class EarlyStopping:
    def __init__(self, patience=2):
        self.patience = patience
        self.counter = 0
        self.best = float("inf")
        self.best_state = None
        self.early_stop = False

    def step(self, loss, model):
        if loss < self.best:
            self.best = loss
            self.best_state = {k: v.cpu().clone() for k, v in model.state_dict().items()}
            self.counter = 0
        else:
            self.counter += 1
            self.early_stop = self.counter >= self.patience


def train(model, epochs):
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    stopper = EarlyStopping()
    for epoch in range(epochs):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
        stopper.step(float(epoch == 0) - 1.0 if epoch == 0 else 1.0, model)
    model.load_state_dict(stopper.best_state)
    return model


def main():
    return train(torch.nn.Linear(2, 1), 4)

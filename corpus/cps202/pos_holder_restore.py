"""CPS202 in a snapshot holder: `EarlyStopping.__call__(loss, model)` keeps
`model.state_dict()` on itself, and `restore_best_weights(model)` loads it later.

The training loop steps the optimizer between the holder's calls, so the kept "best weights"
follow the model and the restore brings back the last epoch (a real project's early_stopping.py).
"""
import torch


class EarlyStopping:
    def __init__(self, patience=2):
        self.patience = patience
        self.counter = 0
        self.best_loss = None
        self.early_stop = False
        self.best_weights = None

    def __call__(self, val_loss, model):
        if self.best_loss is None or val_loss < self.best_loss:
            self.best_loss = val_loss
            self.best_weights = model.state_dict()  # expect: CPS202
            self.counter = 0
        else:
            self.counter += 1
            self.early_stop = self.counter >= self.patience

    def restore_best_weights(self, model):
        model.load_state_dict(self.best_weights)


def train(model, optimizer, epochs):
    early_stopping = EarlyStopping()
    for epoch in range(epochs):
        optimizer.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        optimizer.step()
        early_stopping(-1.0 if epoch == 0 else 1.0, model)
        if early_stopping.early_stop:
            early_stopping.restore_best_weights(model)
            break
    return model


def main():
    model = torch.nn.Linear(2, 1)
    return train(model, torch.optim.SGD(model.parameters(), lr=0.1), 5)

"""DesMonNt/image-classification@f7764e1 early_stopping.py:13,22 (`self.best_weights =
model.state_dict()`) and Dizolivemint/CS580-Text-Predictor@6599b8c scripts/early_stopping.py:13
(`{k: v.cpu() for k, v in model.state_dict().items()}`, a model on the CPU): the kept "best"
weights are the live tensors, so `restore_best_weights` after `patience` worse epochs restores
the latest weights, not the best ones."""
import torch
from torch import nn


class EarlyStoppingA:  # DesMonNt, as in the repository
    def __init__(self, patience=2, delta=0):
        self.patience, self.delta, self.counter = patience, delta, 0
        self.best_loss, self.early_stop, self.best_weights = None, False, None

    def __call__(self, val_loss, model):
        if self.best_loss is None:
            self.best_loss = val_loss
            self.best_weights = model.state_dict()
        elif val_loss > self.best_loss + self.delta:
            self.counter += 1
            if self.counter >= self.patience:
                self.early_stop = True
        else:
            self.best_loss = val_loss
            self.best_weights = model.state_dict()
            self.counter = 0

    def restore_best_weights(self, model):
        if self.best_weights is not None:
            model.load_state_dict(self.best_weights)


class EarlyStoppingB:  # Dizolivemint, as in the repository
    def __init__(self, patience=2, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best_loss, self.counter, self.best_model_state = float('inf'), 0, None

    def __call__(self, val_loss, model):
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss = val_loss
            self.counter = 0
            self.best_model_state = {k: v.cpu() for k, v in model.state_dict().items()}
        else:
            self.counter += 1
        return self.counter >= self.patience

    def restore_best_weights(self, model):
        if self.best_model_state:
            model.load_state_dict(self.best_model_state)


def run(stopper_class):
    torch.manual_seed(0)
    model = nn.Linear(4, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    x, y = torch.randn(32, 4), torch.randn(32, 1)
    stopper = stopper_class()
    best = None
    for val_loss in [1.0, 0.5, 0.9, 0.95, 0.97]:  # best at epoch 2, then worse
        optimizer.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
        stopped = stopper(val_loss, model)
        if val_loss == 0.5:
            best = {k: v.clone() for k, v in model.state_dict().items()}
        if stopped or getattr(stopper, "early_stop", False):
            break
    stopper.restore_best_weights(model)
    gap = max((model.state_dict()[k] - best[k]).abs().max().item() for k in best)
    print(f"{stopper_class.__name__}: restored weights differ from the best epoch's by {gap:.4f}")
    return gap


assert run(EarlyStoppingA) > 0 and run(EarlyStoppingB) > 0
print("CONFIRMED: both restore the latest weights, not the best")

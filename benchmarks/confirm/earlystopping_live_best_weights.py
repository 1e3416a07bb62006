"""DesMonNt/image-classification@f7764e1 early_stopping.py:13,22 and
Dizolivemint/CS580-Text-Predictor@6599b8c scripts/early_stopping.py:13 (CPS202, true).

Shape: an early-stopping helper keeps `model.state_dict()` (first) or
`{k: v.cpu() for k, v in model.state_dict().items()}` (second; a model on the CPU, which the
training script picks when CUDA is absent) as the best weights, training goes on, and after
`patience` worse epochs the helper loads its "best" weights back: they are the latest ones.
"""
import torch
from torch import nn


class KeepsStateDict:
    def __init__(self, patience=2):
        self.patience, self.bad, self.best_loss, self.best = patience, 0, None, None

    def update(self, loss, model):
        if self.best_loss is None or loss <= self.best_loss:
            self.best_loss, self.bad, self.best = loss, 0, model.state_dict()
        else:
            self.bad += 1
        return self.bad >= self.patience


class KeepsCpuCopy(KeepsStateDict):
    def update(self, loss, model):
        if self.best_loss is None or loss < self.best_loss:
            self.best_loss, self.bad = loss, 0
            self.best = {k: v.cpu() for k, v in model.state_dict().items()}
        else:
            self.bad += 1
        return self.bad >= self.patience


def train(helper):
    torch.manual_seed(0)
    model = nn.Linear(4, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    x, y = torch.randn(32, 4), torch.randn(32, 1)
    truly_best = None
    for val_loss in [1.0, 0.5, 0.9, 0.95, 0.97]:  # best after epoch 2, worse afterwards
        optimizer.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
        if val_loss == 0.5:
            truly_best = {k: v.clone() for k, v in model.state_dict().items()}
        if helper.update(val_loss, model):
            break
    model.load_state_dict(helper.best)  # restore_best_weights
    gap = max((model.state_dict()[k] - truly_best[k]).abs().max().item() for k in truly_best)
    print(f"{type(helper).__name__}: restored weights differ from the best epoch's by {gap:.4f}")
    return gap


assert train(KeepsStateDict()) > 0 and train(KeepsCpuCopy()) > 0
print("CONFIRMED: both restore the latest weights, not the best")

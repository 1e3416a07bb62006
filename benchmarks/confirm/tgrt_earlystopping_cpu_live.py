"""AndyDunkelHell/TGRT@72f6f1e PythonTGRT/utils.py:21 (CPS202, true on the CPU).

Shape: `EarlyStopping.__call__` keeps `{k: v.cpu() for k, v in model.state_dict().items()}` as
the best weights; train.py trains the teacher (and later the student) on `DEVICE`, which is
the CPU when CUDA is absent, and after the loop restores `model.load_state_dict(
early.best_state)`. On the CPU `.cpu()` returns the same tensor, so `best_state` follows the
live weights and the "restored best" model is the last epoch's. On a GPU `.cpu()` copies and
the code is right.
"""
import torch
from torch import nn


class EarlyStopping:  # the repository's class, verbatim logic
    def __init__(self, patience=5, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best_loss, self.counter = float("inf"), 0
        self.best_state, self.early_stop = None, False

    def __call__(self, val_loss, model):
        if val_loss < self.best_loss - self.min_delta:
            self.best_loss, self.counter = val_loss, 0
            self.best_state = {k: v.cpu() for k, v in model.state_dict().items()}
        else:
            self.counter += 1
            if self.counter >= self.patience:
                self.early_stop = True


torch.manual_seed(0)
model = nn.Linear(4, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.5)
x, y = torch.randn(32, 4), torch.randn(32, 1)
early = EarlyStopping(patience=2)
losses = [1.0, 2.0, 3.0]  # best at the first epoch, then worse: stop after the third
for epoch, val_loss in enumerate(losses):
    opt.zero_grad()
    nn.functional.mse_loss(model(x), y).backward()
    opt.step()
    if epoch == 0:
        weights_at_best = model.weight.detach().clone()
    early(val_loss, model)
    if early.early_stop:
        break
shares = early.best_state["weight"].data_ptr() == model.weight.data_ptr()
print("best_state['weight'] shares memory with the live weight:", shares)
print("best_state equals the weights at the best epoch:",
      torch.equal(early.best_state["weight"], weights_at_best))
print("best_state equals the last epoch's weights:",
      torch.equal(early.best_state["weight"], model.weight.detach()))
assert shares and not torch.equal(early.best_state["weight"], weights_at_best)

"""Near-miss of CPS203: the anchor is `list(reference.parameters())` of a deep copy that nothing
trains; a second deep copy made from it (`clone = copy.deepcopy(reference)`) is put in training
mode and trained with its own optimizer. A deep copy shares no tensor with what it copies, so
the anchor's module never changes."""
# near-miss: CPS203
import copy

import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    reference = copy.deepcopy(model)
    anchor = list(reference.parameters())
    clone = copy.deepcopy(reference)
    clone_opt = torch.optim.SGD(clone.parameters(), lr=0.2)
    clone.train()
    for _ in range(3):
        clone_opt.zero_grad()
        F.mse_loss(clone(x), y).backward()
        clone_opt.step()
    opt = torch.optim.SGD(model.parameters(), lr=0.2)
    for _ in range(3):
        opt.zero_grad()
        prox = sum(((w - a) ** 2).sum() for w, a in zip(model.parameters(), anchor))
        (F.mse_loss(model(x), y) + 5.0 * prox).backward()
        opt.step()
    return model, clone

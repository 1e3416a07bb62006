"""CPS203: self-distillation keeps a "frozen teacher" as `copy.copy(model)`. A shallow copy of a
module shares its parameters, so the teacher is the student as it trains."""
import copy

import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 2)
    x, y = torch.randn(16, 3), torch.randn(16, 2)
    teacher = copy.copy(model)  # expect: CPS203
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        with torch.no_grad():
            target = teacher(x)
        (F.mse_loss(model(x), y) + F.mse_loss(model(x), target + 1.0)).backward()
        opt.step()
    return model

"""Near-miss of CPS203: the teacher is `copy.deepcopy(model)`: its own parameters, which the
student's optimizer never steps."""
# near-miss: CPS203
import copy

import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 2)
    x, y = torch.randn(16, 3), torch.randn(16, 2)
    teacher = copy.deepcopy(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        with torch.no_grad():
            target = teacher(x)
        (F.mse_loss(model(x), y) + F.mse_loss(model(x), target + 1.0)).backward()
        opt.step()
    return model

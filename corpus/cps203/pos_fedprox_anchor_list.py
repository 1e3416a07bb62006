"""CPS203: FedProx keeps "the global weights" as `list(model.parameters())` before local training.
They are the live parameters, so the proximal term `||w - w_global||^2` is always zero and
the local model drifts as in plain FedAvg."""
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    global_params = list(model.parameters())  # expect: CPS203
    opt = torch.optim.SGD(model.parameters(), lr=0.2)
    mu = 10.0
    for _ in range(4):
        opt.zero_grad()
        prox = sum(((w - wg) ** 2).sum() for w, wg in zip(model.parameters(), global_params))
        (F.mse_loss(model(x), y) + mu / 2 * prox).backward()
        opt.step()
    return model

"""Near-miss of CPS203: FedProx done right: the global weights are kept as
`[p.detach().clone() for p in model.parameters()]`, copies the steps leave alone."""
# near-miss: CPS203
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    global_params = [p.detach().clone() for p in model.parameters()]
    opt = torch.optim.SGD(model.parameters(), lr=0.2)
    for _ in range(4):
        opt.zero_grad()
        prox = sum(((w - wg) ** 2).sum() for w, wg in zip(model.parameters(), global_params))
        (F.mse_loss(model(x), y) + 5.0 * prox).backward()
        opt.step()
    return model

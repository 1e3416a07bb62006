"""CPS203: a FedProx client keeps `[p.detach() for p in model.parameters()]` as the global
weights its proximal term pulls towards. `detach()` drops the graph, not the memory: the list
holds the very weights the optimizer steps, so the proximal term is always zero."""
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 2)
    x, y = torch.randn(16, 3), torch.randn(16, 2)
    global_weights = [p.detach() for p in model.parameters()]  # expect: CPS203
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        prox = sum(((p - g) ** 2).sum() for p, g in zip(model.parameters(), global_weights))
        (F.mse_loss(model(x), y) + 0.5 * prox).backward()
        opt.step()
    return model

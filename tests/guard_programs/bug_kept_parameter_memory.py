"""Anchors kept as `p.detach()` and `p.data` of the live parameters: other tensor objects on
the parameters' memory, so the proximal term and the restore see the trained weights."""
import torch
import torch.nn.functional as F


def train():
    model, head = torch.nn.Linear(3, 2), torch.nn.Linear(2, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    anchor = [p.detach() for p in model.parameters()]  # expect: CPS203
    initial = {name: p.data for name, p in head.named_parameters()}  # expect: CPS203
    opt = torch.optim.SGD(list(model.parameters()) + list(head.parameters()), lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        prox = sum(((p - a) ** 2).sum() for p, a in zip(model.parameters(), anchor))
        (F.mse_loss(head(model(x)), y) + prox).backward()
        opt.step()
    with torch.no_grad():
        for name, p in head.named_parameters():
            p.copy_(initial[name])


train()

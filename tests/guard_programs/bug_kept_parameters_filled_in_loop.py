"""Anchors filled by a `for` loop over the parameters (`append`, a dict entry, `+=`, an
attribute of the trainer) with `p.detach()`, `p.data` or `p` itself: the very memory the
optimizer steps, so the proximal term, the drift and the restore see the trained weights."""
import torch
import torch.nn.functional as F


class Client:
    def __init__(self, model):
        self.model = model
        self.global_weights = []
        for p in model.parameters():
            self.global_weights.append(p.detach())  # expect: CPS203

    def proximal(self):
        return sum(torch.dist(p, g) for p, g in zip(self.model.parameters(),
                                                    self.global_weights))


def train():
    model, head = torch.nn.Linear(3, 2), torch.nn.Linear(2, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    anchor = []
    for p in model.parameters():
        anchor.append(p.detach())  # expect: CPS203
    initial = {}
    for name, p in head.named_parameters():
        initial[name] = p.data  # expect: CPS203
    client = Client(torch.nn.Linear(3, 2))
    student = torch.nn.Linear(3, 2)
    kept = []
    for p in student.parameters():
        kept += [p]  # expect: CPS203
    opt = torch.optim.SGD(list(model.parameters()) + list(head.parameters())
                          + list(client.model.parameters()) + list(student.parameters()),
                          lr=0.1)
    for _ in range(3):
        opt.zero_grad()
        prox = sum(((p - a) ** 2).sum() for p, a in zip(model.parameters(), anchor))
        loss = F.mse_loss(head(model(x)), y) + F.mse_loss(client.model(x), student(x))
        (loss + prox + client.proximal()).backward()
        opt.step()
    drift = [F.mse_loss(p, k) for p, k in zip(student.parameters(), kept)]
    with torch.no_grad():
        for name, p in head.named_parameters():
            p.copy_(initial[name])
    return drift


train()

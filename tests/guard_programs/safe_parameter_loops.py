"""`for` loops over the parameters that keep nothing live: copies kept in a list and a dict,
layers frozen, a count, the gradients cleared; and an unrelated list of tensors beside them."""
import torch
import torch.nn.functional as F

model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Linear(4, 2))
x, y = torch.randn(16, 3), torch.randn(16, 2)
anchor, initial, losses = [], {}, []
for p in model.parameters():
    anchor.append(p.detach().clone())
for name, p in model.named_parameters():
    initial[name] = p.data.clone()
for p in model[0].parameters():
    p.requires_grad_(False)
count = 0
for p in model.parameters():
    count += p.numel()
opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1)
for _ in range(3):
    for p in model.parameters():
        p.grad = None
    loss = F.mse_loss(model(x), y)
    loss = loss + sum(((p - a) ** 2).sum() for p, a in zip(model.parameters(), anchor))
    loss.backward()
    opt.step()
    losses.append(loss.detach())
with torch.no_grad():
    for name, p in model.named_parameters():
        p.copy_(initial[name])

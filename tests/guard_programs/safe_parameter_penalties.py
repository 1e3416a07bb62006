"""A parameter combined with its own memory where nothing is kept as old weights: an L2
penalty `p * p`, a Gram matrix `w @ w.T`, gradient clipping, and a real anchor compared."""
import torch
import torch.nn.functional as F

model = torch.nn.Linear(3, 2)
x, y = torch.randn(16, 3), torch.randn(16, 2)
anchor = [p.detach().clone() for p in model.parameters()]
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for _ in range(3):
    opt.zero_grad()
    l2 = sum((p * p).sum() for p in model.parameters())
    gram = model.weight @ model.weight.T
    prox = sum(((p - a) ** 2).sum() for p, a in zip(model.parameters(), anchor))
    (F.mse_loss(model(x), y) + 0.01 * (l2 + gram.sum() + prox)).backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()

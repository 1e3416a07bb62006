"""An EMA written through `ema.state_dict()` on purpose: the write-through is the point."""
import copy

import torch

model = torch.nn.Linear(2, 2)
ema = copy.deepcopy(model)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for _ in range(3):
    opt.zero_grad()
    model(torch.ones(4, 2)).pow(2).sum().backward()
    opt.step()
    with torch.no_grad():
        for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
            e.mul_(0.9).add_(m, alpha=0.1)

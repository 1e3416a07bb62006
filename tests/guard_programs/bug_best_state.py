"""Early stopping keeps `model.state_dict()` as the best weights and restores nothing."""
import torch

model = torch.nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
best = None
for epoch in range(3):
    opt.zero_grad()
    model(torch.ones(4, 3)).sum().backward()
    opt.step()
    if epoch == 0:
        best = model.state_dict()  # expect: CPS202
model.load_state_dict(best)

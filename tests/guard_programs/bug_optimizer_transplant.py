"""`Optimizer.load_state_dict` keeps the very state tensors it is given."""
import torch

a, b = torch.nn.Linear(2, 1), torch.nn.Linear(2, 1)
opt_a = torch.optim.Adam(a.parameters(), lr=0.1)
opt_b = torch.optim.Adam(b.parameters(), lr=0.1)
for model, opt in ((a, opt_a), (b, opt_b)):
    model(torch.ones(1, 2)).sum().backward()
    opt.step()
opt_b.load_state_dict(opt_a.state_dict())  # expect: CPS202

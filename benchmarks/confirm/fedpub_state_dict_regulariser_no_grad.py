"""JinheonBaek/FED-PUB@302980d models/fedpub/client.py:93 (a real bug outside the CPS codes:
listed, not counted in recall).

Shape: the sparsity and proximal terms are built from `self.model.state_dict().items()`:
`train_lss += torch.norm(param.float(), 1) * l1` (masks) and `torch.norm(param.float() -
self.prev_w[name], 2) * loc_l2` (weights). `state_dict()` returns detached tensors
(keep_vars=False), so both terms add a constant to the loss and no gradient: the L1 mask
sparsity and the proximal regulariser of the paper never act.
"""
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(4, 2)
prev = {k: torch.zeros_like(v) for k, v in model.state_dict().items()}
for source in ("state_dict()", "named_parameters()"):
    model.zero_grad()
    items = model.state_dict().items() if source == "state_dict()" else model.named_parameters()
    loss = torch.zeros(())
    for name, param in items:
        loss = loss + torch.norm(param.float() - prev[name], 2)
    if loss.requires_grad:
        loss.backward()
    got = model.weight.grad is not None and model.weight.grad.abs().sum().item() > 0
    print(f"regulariser over {source}: reaches the weights' gradient: {got}")
    assert got == (source == "named_parameters()")
print("BUG: the regulariser over state_dict() values has no gradient")

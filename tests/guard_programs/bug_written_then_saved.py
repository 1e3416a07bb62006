"""Halving a state_dict in place halves the module; saving it as if separate is CPS201."""
import io

import torch

model = torch.nn.Linear(2, 2)
halved = model.state_dict()
halved["weight"].mul_(0.5)  # expect: CPS201
torch.save(halved, io.BytesIO())

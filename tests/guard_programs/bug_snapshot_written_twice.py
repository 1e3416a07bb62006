"""Two writes through one state_dict, then saved as if separate: one finding, at the first
write (copying the state_dict before it fixes both); a second state_dict written once is a
finding of its own."""
import io

import torch

model = torch.nn.Linear(2, 2)
halved = model.state_dict()
halved["weight"].mul_(0.5)  # expect: CPS201
halved["bias"].zero_()
torch.save(halved, io.BytesIO())
shifted = model.state_dict()
shifted["bias"].add_(1.0)  # expect: CPS201
torch.save(shifted, io.BytesIO())

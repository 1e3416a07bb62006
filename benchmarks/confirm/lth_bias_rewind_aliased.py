"""rahulvigneswaran/Lottery-Ticket-Hypothesis-in-Pytorch@34a8c96 main.py:321 (a miss; also
utils.py:32, the same helper).

Shape: the rewind to the initial weights (`original_initialization`) sets
`param.data = initial_state_dict[name]` for every bias, without a copy: the Parameter now holds
the snapshot's own tensor. The next round's optimizer (`Adam(model.parameters())`) steps the
bias in place, which writes into `initial_state_dict`; from the second pruning level on the
biases are "rewound" to the previous round's trained biases, not to the initialisation. The
weights go through `torch.from_numpy(mask * init.cpu().numpy())`, a new tensor, and are rewound
correctly.
"""
import copy

import numpy as np
import torch
from torch import nn


def rewind(model, mask, initial_state_dict):
    """main.py original_initialization, as written."""
    step = 0
    for name, param in model.named_parameters():
        if "weight" in name:
            param.data = torch.from_numpy(mask[step] * initial_state_dict[name].cpu().numpy())
            step += 1
        if "bias" in name:
            param.data = initial_state_dict[name]


def train(model, optimizer):
    for _ in range(5):
        optimizer.zero_grad()
        x = torch.randn(16, 4)
        nn.functional.mse_loss(model(x), torch.randn(16, 2)).backward()
        optimizer.step()


torch.manual_seed(0)
model = nn.Linear(4, 2)
initial_state_dict = copy.deepcopy(model.state_dict())
init_bias = initial_state_dict["bias"].clone()
mask = [np.ones((2, 4), dtype=np.float32)]
optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
train(model, optimizer)                                     # pruning level 0
for level in (1, 2):
    rewind(model, mask, initial_state_dict)
    print(f"level {level}: bias after rewind equals the init bias:",
          torch.equal(model.bias.data, init_bias))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    train(model, optimizer)
print("snapshot bias shares the Parameter's storage:",
      initial_state_dict["bias"].data_ptr() == model.bias.data_ptr())
print("snapshot bias still equals the init bias:",
      torch.equal(initial_state_dict["bias"], init_bias))
assert not torch.equal(initial_state_dict["bias"], init_bias)
print("CONFIRMED: training after the first rewind writes into initial_state_dict; later rewinds "
      "restore trained biases")

"""Near-miss of CPS201: `copy.deepcopy(model.state_dict())` may be changed freely."""
# near-miss: CPS201
import copy

import torch


def main():
    model = torch.nn.Linear(2, 2)
    other = torch.nn.Linear(2, 2)
    sd = copy.deepcopy(model.state_dict())
    sd["weight"].mul_(0.5)
    other.load_state_dict(sd)
    return model, other

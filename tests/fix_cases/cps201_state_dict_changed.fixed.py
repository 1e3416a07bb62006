"""A state_dict changed in place, then loaded into another module: the fix deep-copies it."""
import copy

import torch


def blend(model: torch.nn.Module, other: torch.nn.Module):
    sd = copy.deepcopy(model.state_dict())
    sd["weight"].mul_(0.5)
    other.load_state_dict(sd)
    return other

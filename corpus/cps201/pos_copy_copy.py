"""CPS201: `copy.copy(sd)` is shallow: the tensors are the module's."""
import copy

import torch


def main():
    model = torch.nn.Linear(2, 2)
    sd = copy.copy(model.state_dict())
    sd["bias"].add_(1)  # expect: CPS201
    return model, sd

"""CPS201: `OrderedDict(sd)` is shallow, like `dict(sd)`."""
from collections import OrderedDict

import torch


def main():
    model = torch.nn.Linear(2, 2)
    sd = OrderedDict(model.state_dict())
    sd["weight"].mul_(2)  # expect: CPS201
    return model, sd

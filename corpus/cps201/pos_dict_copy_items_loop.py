"""CPS201: `dict(sd)` is a shallow copy; zeroing its values through `.items()` zeroes the module."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    sd = dict(model.state_dict())
    for k, v in sd.items():
        v.zero_()  # expect: CPS201
    return model, sd

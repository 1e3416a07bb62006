"""CPS201: `model.state_dict()["weight"].zero_()` zeroes the module's weight, directly."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    model.state_dict()["weight"].zero_()  # expect: CPS201
    return model

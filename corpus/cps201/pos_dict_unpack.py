"""CPS201: `{**sd}` is a shallow copy."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    sd = {**model.state_dict()}
    sd["weight"] -= 1.0  # expect: CPS201
    return model, sd

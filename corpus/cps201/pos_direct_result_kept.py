"""CPS201: `scaled = model.state_dict()["weight"].mul_(2)` keeps the result as a new tensor,
but `mul_` scaled the module's own weight and returned it."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    scaled = model.state_dict()["weight"].mul_(2)  # expect: CPS201
    return model, scaled

"""CPS201: `sd[k].copy_(...)` overwrites the module's parameter."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    other = torch.nn.Linear(2, 2)
    sd = model.state_dict()
    sd["weight"].copy_(torch.ones(2, 2))  # expect: CPS201
    other.load_state_dict(sd)
    return model, other

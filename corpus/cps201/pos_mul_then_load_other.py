"""CPS201: `sd[k].mul_` on a state_dict meant for another module also scales the source module."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    other = torch.nn.Linear(2, 2)
    sd = model.state_dict()
    sd["weight"].mul_(0.5)  # expect: CPS201
    other.load_state_dict(sd)
    return model, other

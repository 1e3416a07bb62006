"""CPS201: with `keep_vars=True` the entries are the Parameters themselves."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    other = torch.nn.Linear(2, 2)
    sd = model.state_dict(keep_vars=True)
    sd["weight"].data.mul_(0)  # expect: CPS201
    other.load_state_dict(sd)
    return model, other

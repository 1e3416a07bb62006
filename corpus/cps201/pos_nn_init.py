"""CPS201: `torch.nn.init.zeros_(sd[k])` zeroes the module's weight."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    other = torch.nn.Linear(2, 2)
    sd = model.state_dict()
    torch.nn.init.zeros_(sd["weight"])  # expect: CPS201
    other.load_state_dict(sd)
    return model, other

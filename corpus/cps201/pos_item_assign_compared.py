"""CPS201: writing into `sd[k][0]` and then comparing with the module: they are the same tensor."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    sd = model.state_dict()
    sd["weight"][0] = 1.0  # expect: CPS201
    changed = not torch.equal(sd["weight"], model.weight)
    return changed, model

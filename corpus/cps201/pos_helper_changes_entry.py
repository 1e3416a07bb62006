"""CPS201: a helper changes an entry of the state_dict it is handed (`scale(sd)`); the
entry is the module's tensor, so the module changes too and the comparison finds no change."""
import torch


def scale(sd):
    sd["weight"] *= 0.5


def main():
    model = torch.nn.Linear(2, 2)
    sd = model.state_dict()
    scale(sd)  # expect: CPS201
    changed = not torch.equal(sd["weight"], model.weight)
    return changed, model

"""CPS201: a helper returns a "shifted" state_dict, but `.data -=` shifted the module itself."""
import torch


def shifted_state(model):
    sd = model.state_dict()
    sd["bias"].data -= 1.0  # expect: CPS201
    return sd


def main():
    model = torch.nn.Linear(2, 2)
    shifted = shifted_state(model)
    return model, shifted

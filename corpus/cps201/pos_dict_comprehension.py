"""CPS201: `{k: v for k, v in sd.items()}` copies the dict, not the tensors."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    sd = {k: v for k, v in model.state_dict().items()}
    sd["weight"] *= 2  # expect: CPS201
    return model, sd

"""CPS201 where the snapshot is taken only by a helper of another module (this file names no
state dict itself): `live_weights(model)` returns the module's live tensors, halving them
halves the model's parameters, and the comparison with the parameters finds no change."""
import torch
from weights import live_weights


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 2)
    w = live_weights(model)
    for k in w:
        w[k] -= 0.5 * w[k]  # expect: CPS201
    same = torch.equal(w["weight"], model.weight)
    return model, same, [p.shape for p in model.parameters()]

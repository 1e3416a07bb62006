"""Near-miss of CPS201: the helper of another module returns a deep copy of the module's
weights, so halving them leaves the parameters alone and the comparison sees the change."""
# near-miss: CPS201
import torch
from weights import live_weights


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 2)
    w = live_weights(model)
    for k in w:
        w[k] -= 0.5 * w[k]
    same = torch.equal(w["weight"], model.weight)
    return model, same, [p.shape for p in model.parameters()]

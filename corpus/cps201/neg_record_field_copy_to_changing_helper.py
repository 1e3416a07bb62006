"""Near-miss of CPS201: the record keeps a copy of each tensor, so `halve(slot.weights)`
changes the copies only and the comparison with the model sees the difference."""
# near-miss: CPS201
import torch


class Slot:
    def __init__(self, weights):
        self.weights = weights


def halve(weights):
    for k in weights:
        weights[k] *= 0.5


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 2)
    sd = {k: v.clone() for k, v in model.state_dict().items()}
    slot = Slot(weights=sd)
    halve(slot.weights)
    same = torch.equal(sd["weight"], model.weight)
    return model, same

"""CPS201 through a record's field: `Slot(weights=sd)` keeps the live `model.state_dict()`
as `slot.weights`, and `halve(slot.weights)` halves its entries in place: the module's own
parameters, so the comparison with the model finds the two equal."""
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
    sd = model.state_dict()
    slot = Slot(weights=sd)
    halve(slot.weights)  # expect: CPS201
    same = torch.equal(sd["weight"], model.weight)
    return model, same

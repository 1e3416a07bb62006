"""CPS201 through a method of an instance made on the spot: each weight of a shallow copy of
the state_dict is flattened (`.detach().view(-1, 1)`, the same storage) and handed to
`Quantizer(levels).fit`, a class of this module whose `fit` centres what it is given in
place; the module's weights change with the "copy", which is then returned as the weights
before quantisation."""
import torch


class Quantizer:
    def __init__(self, levels):
        self.levels = levels

    def fit(self, x):
        x -= x.mean(dim=0)
        self.step = (x.max() - x.min()) / self.levels
        return self


def quantize(model):
    before = dict(model.state_dict())
    steps = {}
    for key, weight in before.items():
        flat = weight.detach().view(-1, 1)
        steps[key] = Quantizer(4).fit(flat).step  # expect: CPS201
    return before, steps


def main():
    model = torch.nn.Linear(3, 2)
    before, steps = quantize(model)
    return model, before, steps

"""Near-miss of CPS202: the plain function called after keeping `model.state_dict()` loads
into the module it is given, and the caller gives it another module (the evaluation copy):
the kept state is untouched."""
# near-miss: CPS202
import copy

import torch


def load_weights(net, weights):
    net.load_state_dict(weights)


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2)
    evaluator = torch.nn.Linear(4, 2)
    other = copy.deepcopy(model.state_dict())
    for value in other.values():
        value.add_(1.0)
    previous = model.state_dict()
    load_weights(evaluator, other)
    current = evaluator.state_dict()
    return sum(float((current[k] - previous[k]).norm()) for k in current)

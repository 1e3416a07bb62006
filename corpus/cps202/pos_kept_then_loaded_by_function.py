"""CPS202: the server keeps `previous = model.state_dict()` as last round's weights, then a
plain function of the module (`load_weights(model, averaged)`) loads the average into the
same module. `load_state_dict` copies into the module's own tensors, so `previous` holds the
new weights and the measured update is zero."""
import copy

import torch


def load_weights(net, weights):
    net.load_state_dict(weights)


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2)
    clients = [copy.deepcopy(model.state_dict()) for _ in range(3)]
    for i, state in enumerate(clients):
        for value in state.values():
            value.add_(0.1 * (i + 1))
    previous = model.state_dict()  # expect: CPS202
    averaged = {k: sum(c[k] for c in clients) / len(clients) for k in previous}
    load_weights(model, averaged)
    current = model.state_dict()
    return sum(float((current[k] - previous[k]).norm()) for k in current)

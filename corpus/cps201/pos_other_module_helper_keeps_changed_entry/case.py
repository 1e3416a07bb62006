"""CPS201 through a helper of another module: `boosted_bias(model)` returns
`model.state_dict()["bias"].add_(1.0)`, which the caller keeps as a new tensor; `add_`
changed the module's own bias and returned it."""
import torch
from weights import boosted_bias


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    bias = boosted_bias(model)  # expect: CPS201
    return model, bias, opt

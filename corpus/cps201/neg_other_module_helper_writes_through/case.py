"""Near-miss of CPS201: a helper of another module runs
`model.state_dict()["bias"].fill_(value)` as a statement: it keeps nothing of the result,
so its only possible intent is to change the module (runtime: the module does change, as
meant)."""
# near-miss: CPS201
# runtime: mutated
import torch
from weights import reset_bias


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    reset_bias(model, 0.0)
    return model, opt

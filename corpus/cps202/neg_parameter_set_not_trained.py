"""Near-miss of CPS202: `weight.set_(start["weight"])` makes `start` share the module's weight,
but nothing changes the module before `start` is returned: it still holds the start values."""
# near-miss: CPS202
import torch


def main():
    model = torch.nn.Linear(4, 2)
    start = {k: v.clone() for k, v in model.state_dict().items()}
    with torch.no_grad():
        model.weight.set_(start["weight"])
    return start, model(torch.ones(1, 4))

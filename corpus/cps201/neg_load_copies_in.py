"""Near-miss of CPS201: `load_state_dict` copies values in; changing the target leaves the source alone."""
# near-miss: CPS201
import torch


def main():
    model = torch.nn.Linear(2, 2)
    other = torch.nn.Linear(2, 2)
    other.load_state_dict(model.state_dict())
    with torch.no_grad():
        other.weight.mul_(0)
    return model, other

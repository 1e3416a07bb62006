"""Near-miss of CPS201: `model.state_dict()["weight"].zero_()` as a statement changes the module
and nothing else: were state_dict() a copy, the statement would do nothing, so its only
possible intent is to change the module (runtime: the module does change, as meant)."""
# near-miss: CPS201
# runtime: mutated
import torch


def main():
    model = torch.nn.Linear(2, 2)
    model.state_dict()["weight"].zero_()
    return model

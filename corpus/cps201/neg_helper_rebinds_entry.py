"""Near-miss of CPS201: the helper binds a new tensor into the state_dict it is handed
(`sd[k] = t`): the dict's entry is replaced, the module's tensor is left alone."""
# near-miss: CPS201
import torch


def put(sd, key, value):
    sd[key] = value


def main():
    model = torch.nn.Linear(2, 2)
    sd = model.state_dict()
    put(sd, "weight", torch.zeros(2, 2))
    changed = not torch.equal(sd["weight"], model.weight)
    return changed, model

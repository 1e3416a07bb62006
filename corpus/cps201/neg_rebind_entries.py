"""Near-miss of CPS201: `sd[k] = sd[k] * 0.5` puts a new tensor into the dict; the module keeps its own."""
# near-miss: CPS201
import torch


def main():
    model = torch.nn.Linear(2, 2)
    other = torch.nn.Linear(2, 2)
    sd = model.state_dict()
    for k in sd:
        sd[k] = sd[k] * 0.5
    other.load_state_dict(sd)
    return model, other

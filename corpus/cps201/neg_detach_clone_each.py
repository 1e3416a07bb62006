"""Near-miss of CPS201: `{k: v.detach().clone() ...}` copies every tensor (`torch.clone` too)."""
# near-miss: CPS201
import torch


def main():
    model = torch.nn.Linear(2, 2)
    sd = {k: v.detach().clone() for k, v in model.state_dict().items()}
    sd["weight"] *= 0.5
    sd2 = {k: torch.clone(v) for k, v in model.state_dict().items()}
    sd2["bias"].add_(1)
    return model, sd, sd2

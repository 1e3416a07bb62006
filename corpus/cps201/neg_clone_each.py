"""Near-miss of CPS201: `{k: v.clone() ...}` copies every tensor."""
# near-miss: CPS201
import torch


def main():
    model = torch.nn.Linear(2, 2)
    sd = {k: v.clone() for k, v in model.state_dict().items()}
    for v in sd.values():
        v.zero_()
    return model, sd

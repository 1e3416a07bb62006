"""Near-miss of CPS201: copying a model into an EMA through `zip(...values())` and `copy_` — on purpose.

The writes are meant to reach the EMA module, and at run time they do.
"""
# near-miss: CPS201
# runtime: mutated
import torch


def main():
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.BatchNorm1d(2))
    ema = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.BatchNorm1d(2))
    model(torch.randn(4, 2))
    with torch.no_grad():
        for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
            e.copy_(m)
    return ema

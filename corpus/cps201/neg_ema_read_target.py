"""Near-miss of CPS201: an EMA update that reads the target in its own blend,
`v.copy_(decay * v + (1 - decay) * sd[k])`, through `ema_model.state_dict().items()`.

The EMA module is meant to change; nothing uses its state_dict as a copy afterwards.
"""
# near-miss: CPS201
# runtime: mutated
import torch


def apply_ema(model, ema_model, decay):
    sd = model.state_dict()
    for k, v in ema_model.state_dict().items():
        v.copy_(decay * v + (1 - decay) * sd[k])


def main():
    model, ema = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
    apply_ema(model, ema, 0.5)
    return ema

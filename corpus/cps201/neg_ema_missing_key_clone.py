"""Near-miss of CPS201: an EMA step through `ema.state_dict()` that fills missing entries with
a real clone first and then scales every entry in place.

The key test `key not in ema_params` reads only keys; nothing uses the dict as a copy after
the change. The EMA module changes, on purpose.
"""
# near-miss: CPS201
# runtime: mutated
import torch


def ema_step(ema, new_model, decay):
    ema_params = ema.state_dict()
    for key, param in new_model.named_parameters():
        if key not in ema_params:
            ema_params[key] = param.detach().clone()
        ema_params[key].mul_(decay)


def main():
    ema, model = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
    ema_step(ema, model, 0.5)
    return ema

"""Near-miss of CPS201: EMA tensors collected into lists and updated together with
`torch._foreach_lerp_`; integer buffers are copied over with `copy_`, on purpose.

A new list of the module's tensors is no copy of the state_dict, and nothing reads the
state_dict afterwards: the write-through is the update.
"""
# near-miss: CPS201
# runtime: mutated
import copy

import torch


def update(ema, model, decay):
    ema_vals, model_vals = [], []
    for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
        if e.is_floating_point():
            ema_vals.append(e)
            model_vals.append(m)
        else:
            e.copy_(m)
    torch._foreach_lerp_(ema_vals, model_vals, weight=1.0 - decay)


def main():
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.BatchNorm1d(2))
    ema = copy.deepcopy(model)
    with torch.no_grad():
        model[0].weight.add_(1.0)
    model(torch.randn(4, 2))  # num_batches_tracked: an integer buffer
    update(ema, model, 0.9)
    return ema

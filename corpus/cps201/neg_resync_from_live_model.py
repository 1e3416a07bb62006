"""Near-miss of CPS201: entries of an EMA that went non-finite are resynced from the live model
through `ema.state_dict().items()`, and a private half-precision copy is cleaned in place
before saving (ultralytics' trainer).

The loop's test of `v` runs before that entry is changed, and nothing treats either
state_dict as a copy afterwards: the write-through is the point.
"""
# near-miss: CPS201
# runtime: mutated
import copy
import io

import torch


def save_model(ema, model):
    model_sd = model.state_dict()
    for k, v in ema.state_dict().items():
        if not torch.isfinite(v).all() and torch.isfinite(model_sd[k]).all():
            v.copy_(model_sd[k])
    clean = copy.deepcopy(ema).half()
    for v in clean.state_dict().values():
        if v.is_floating_point():
            torch.nan_to_num_(v)
    buffer = io.BytesIO()
    torch.save(clean, buffer)
    return buffer


def main():
    model = torch.nn.Linear(2, 2)
    ema = copy.deepcopy(model)
    with torch.no_grad():
        ema.weight[0, 0] = float("nan")
    save_model(ema, model)
    return ema

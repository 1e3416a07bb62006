"""Near-miss of CPS201: an EMA blend written through `zip(ema.state_dict().values(), ...)`.

`e.copy_(e * decay + (1 - decay) * m)` writes into the EMA module's own tensors: that is the
update. Nothing treats the state_dict as a separate copy, so there is nothing to report. At
run time the EMA changes (deep-copying the state_dict would freeze it).
"""
# near-miss: CPS201
# runtime: mutated
import copy

import torch


def update(ema, model, decay=0.9):
    with torch.no_grad():
        for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
            e.copy_(e * decay + (1 - decay) * m)


def main():
    model = torch.nn.Linear(2, 2)
    ema = copy.deepcopy(model)
    with torch.no_grad():
        model.weight.add_(1.0)
    update(ema, model)
    return ema

"""Near-miss of CPS201: an EMA update written through `ema.state_dict().items()` — on purpose.

The in-place changes really reach the EMA module: that is how this EMA works, so there is
nothing to report. At run time the EMA changes (deep-copying the state_dict would break it).
"""
# near-miss: CPS201
# runtime: mutated
import copy

import torch


def main():
    model = torch.nn.Linear(2, 2)
    ema = copy.deepcopy(model)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    d = 0.9
    for _ in range(3):
        opt.zero_grad()
        model(torch.ones(4, 2)).pow(2).sum().backward()
        opt.step()
        msd = model.state_dict()
        with torch.no_grad():
            for k, v in ema.state_dict().items():
                if v.dtype.is_floating_point:
                    v *= d
                    v += (1 - d) * msd[k].detach()
    return ema

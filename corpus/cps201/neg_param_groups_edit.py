"""Near-miss of CPS201: editing `param_groups` entries of an optimizer's state_dict.

`Optimizer.state_dict()` packs `param_groups` into new dicts, so rewriting `item["lr"]` as a
float before saving changes only the returned dict: the optimizer keeps its own lr (a real
case, deepmd-kit's `save_model`).
"""
# near-miss: CPS201
import io

import torch


def main():
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.Adam(model.parameters(), lr=torch.tensor(1e-3))
    model(torch.ones(2, 3)).sum().backward()
    opt.step()
    optim_state_dict = opt.state_dict()
    for item in optim_state_dict["param_groups"]:
        item["lr"] = float(item["lr"])
    buffer = io.BytesIO()
    torch.save({"model": model.state_dict(), "optimizer": optim_state_dict}, buffer)
    return opt

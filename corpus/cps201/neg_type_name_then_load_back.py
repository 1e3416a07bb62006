"""Near-miss of CPS201: Scaffold's server adds the averaged control deltas into
`c_global.state_dict()` in place, choosing by `t.type()` (the type's name, not its values),
and loads the dict back into `c_global`."""
# near-miss: CPS201
import torch


def main():
    torch.manual_seed(0)
    c_global = torch.nn.Linear(3, 2)
    total_delta = {k: torch.ones_like(v) for k, v in c_global.state_dict().items()}
    c_global_para = c_global.state_dict()
    for key in c_global_para:
        if c_global_para[key].type() == "torch.LongTensor":
            c_global_para[key] += total_delta[key].type(torch.LongTensor)
        else:
            c_global_para[key] += total_delta[key] / 2
    c_global.load_state_dict(c_global_para)
    return c_global

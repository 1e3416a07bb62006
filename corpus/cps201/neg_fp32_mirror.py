"""Near-miss of CPS201: an fp32 mirror synced from the module's state_dict.

`state_dict[k].float()` may or may not copy (it is the same tensor for float32 weights), so
the mirror is not proven to alias the module, and `copy_` into it writes the module's own
values: nothing to report.
"""
# near-miss: CPS201
import torch


class Mirror:
    def __init__(self, model):
        self.model = model
        self.fp32_params = {}

    def build_fp32_params(self, state_dict=None):
        if state_dict is None:
            state_dict = self.model.state_dict()
        for k in state_dict:
            if k in self.fp32_params:
                self.fp32_params[k].copy_(state_dict[k])
            else:
                self.fp32_params[k] = state_dict[k].float()


def main():
    mirror = Mirror(torch.nn.Linear(2, 2))
    mirror.build_fp32_params()
    mirror.build_fp32_params()
    return mirror.model, {k: v.clone() for k, v in mirror.fp32_params.items()}

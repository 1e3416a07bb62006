"""CPS201: `sd.copy()` is shallow; clamping its values clamps the module's tensors."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    sd = model.state_dict().copy()
    for v in sd.values():
        v.clamp_(-0.1, 0.1)  # expect: CPS201
    return model, sd

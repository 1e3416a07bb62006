"""CPS202: in-place parameter updates (`p.mul_` under no_grad) change a kept state_dict."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    frozen = torch.nn.Linear(2, 2)
    before = model.state_dict()  # expect: CPS202
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(0.9)
    frozen.load_state_dict(before)
    return frozen

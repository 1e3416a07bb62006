"""CPS202: `load_state_dict` copies into the module's tensors, so an earlier state_dict of it changes."""
import io

import torch


def main():
    model = torch.nn.Linear(2, 2)
    pretrained = torch.nn.Linear(2, 2)
    original = model.state_dict()  # expect: CPS202
    model.load_state_dict(pretrained.state_dict())
    buffer = io.BytesIO()
    torch.save(original, buffer)
    return buffer

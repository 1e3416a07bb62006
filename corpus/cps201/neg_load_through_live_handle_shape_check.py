"""Near-miss of CPS201: pretrained weights loaded into a new model through its own
state_dict, each entry's shape checked first (nanoGPT's `GPT.from_pretrained`, copied into
many projects). A shape is the module's tensor's and any copy's alike: comparing shapes
does not treat the state_dict as separate, and writing through it is the point.
"""
# near-miss: CPS201
# runtime: mutated
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)


def from_pretrained(weights):
    model = Net()
    sd = model.state_dict()
    for k in weights:
        assert weights[k].shape == sd[k].shape
        assert weights[k].size() == sd[k].size()
        with torch.no_grad():
            sd[k].copy_(weights[k])
    return model


def main():
    weights = {"fc.weight": torch.ones(3, 4), "fc.bias": torch.zeros(3)}  # a checkpoint
    return from_pretrained(weights)

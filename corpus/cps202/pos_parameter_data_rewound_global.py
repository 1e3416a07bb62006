"""CPS202: the rewind helper reaches the module as a global (`global model`) and gives each
bias the kept entry itself (`param.data = init[name]`); weights get a masked new tensor. The
biases share `initial`'s tensors from the first rewind on, so training changes the kept
initial biases."""
import copy

import torch

model = None


def rewind(mask, init):
    global model
    for name, param in model.named_parameters():
        if "bias" in name:
            param.data = init[name]  # expect: CPS202
        else:
            param.data = init[name] * mask


def main():
    global model
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2)
    initial = copy.deepcopy(model.state_dict())
    for level in range(3):
        if level:
            rewind(torch.ones(2, 4), initial)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for _ in range(2):
            optimizer.zero_grad()
            model(torch.ones(4, 4)).sum().backward()
            optimizer.step()
    return initial, model

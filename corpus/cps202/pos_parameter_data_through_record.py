"""CPS202: the rewind helper wraps each Parameter in a small record (`slot = Slot(param)`)
and gives it the kept entry itself through the record's field (`slot.param.data =
init[name]`). The field is the Parameter, so the module now uses `initial`'s tensors and
training changes the kept initial weights."""
import copy

import torch


class Slot:
    def __init__(self, param):
        self.param = param


def rewind(model, init):
    for name, param in model.named_parameters():
        slot = Slot(param)
        slot.param.data = init[name]  # expect: CPS202


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2)
    initial = copy.deepcopy(model.state_dict())
    for level in range(3):
        if level:
            rewind(model, initial)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for _ in range(2):
            optimizer.zero_grad()
            model(torch.ones(4, 4)).sum().backward()
            optimizer.step()
    return initial, model

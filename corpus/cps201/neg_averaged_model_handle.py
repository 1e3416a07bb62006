"""Near-miss of CPS201 and CPS202: an averaged model keeps its private copy's state_dict as a
handle and writes the running average through it (mmengine's `BaseAveragedModel`).

The kept dict is never read as "old weights": every write puts values of *another* module
(the one being averaged) into the copy, which is the point. The averaged module changes at
run time, on purpose.
"""
# near-miss: CPS201, CPS202
# runtime: mutated
import copy

import torch


class Averaged(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.module = copy.deepcopy(model)
        self.avg_parameters = self.module.state_dict()
        self.steps = 0

    def forward(self, x):
        return self.module(x)

    def update_parameters(self, model):
        src = model.state_dict()
        for k, p_avg in self.avg_parameters.items():
            if self.steps == 0:
                p_avg.data.copy_(src[k].data)
            else:
                p_avg.add_(src[k] - p_avg, alpha=1 / (self.steps + 1))
        self.steps += 1


def main():
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    averaged = Averaged(model)
    for _ in range(3):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
        averaged.update_parameters(model)
    return averaged

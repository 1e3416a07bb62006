"""Near-miss of CPS202: an averaged model keeps its copy's state_dict as a handle and writes
the source model's values through it on every update (mmengine's `BaseAveragedModel`). The
dict is meant to follow the averaged module: it is updated from another module's tensors,
which is the evidence that it is a handle, not a snapshot."""
# near-miss: CPS202
# runtime: mutated (deep-copying the state_dict would stop the averaging: the handle is the point)
import copy

import torch


class AveragedModel(torch.nn.Module):
    def __init__(self, model, momentum=0.5):
        super().__init__()
        self.module = copy.deepcopy(model).requires_grad_(False)
        self.momentum = momentum
        self.avg_parameters = self.module.state_dict()

    def update_parameters(self, model):
        source = model.state_dict()
        for key, p_avg in self.avg_parameters.items():
            p_avg.mul_(1 - self.momentum).add_(source[key], alpha=self.momentum)
        for b_avg, b_src in zip(self.module.buffers(), model.buffers()):
            b_avg.copy_(b_src)

    def averaged(self):
        return {key: value.clone() for key, value in self.avg_parameters.items()}


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    averaged = AveragedModel(model)
    for _ in range(2):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
        averaged.update_parameters(model)
    return averaged.averaged(), averaged.module

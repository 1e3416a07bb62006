"""Near-miss of CPS202: an optimizer's state_dict taken before any step, restored later.

Before the first step the per-parameter state is empty and `param_groups` are packed into
new dicts, so the snapshot is real: `reset()` really brings the optimizer back to its start
(momentum buffers gone).
"""
# near-miss: CPS202
import torch


class Wrapper:
    def __init__(self, optimizer):
        self._optimizer = optimizer
        self.initial_state = self._optimizer.state_dict()  # no step yet: state is {}

    def step(self):
        self._optimizer.step()

    def reset(self):
        self._optimizer.load_state_dict(self.initial_state)


def main():
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    start = opt.state_dict()  # before any step, too
    wrapper = Wrapper(opt)
    for _ in range(2):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        wrapper.step()
    wrapper.reset()
    emptied = len(opt.state_dict()["state"]) == 0
    opt.load_state_dict(start)
    return emptied, opt

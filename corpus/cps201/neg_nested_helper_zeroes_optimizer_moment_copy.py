"""Near-miss of CPS201 two functions down: the optimizer's state_dict is deep-copied before
`soften(state)` zeroes a moment inside it, so the optimizer keeps its own."""
# near-miss: CPS201
import copy
import io

import torch


def zero_first_moment(state):
    state["state"][0]["exp_avg"].zero_()


def soften(state):
    zero_first_moment(state)


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.Adam(model.parameters(), lr=0.1)
    model(torch.ones(1, 2)).sum().backward()
    opt.step()
    state = copy.deepcopy(opt.state_dict())
    soften(state)
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return opt, buffer

"""CPS201 two functions down: `soften(state)` calls `zero_first_moment(state)`, which zeroes
`state["state"][0]["exp_avg"]` in place: a live state tensor of the optimizer, so the
optimizer's first moment is zeroed too and the saved dict is no record of it."""
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
    state = opt.state_dict()
    soften(state)  # expect: CPS201
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return opt, buffer

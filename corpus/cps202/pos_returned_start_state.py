"""CPS202: a helper returns the state it started from, but that state trained along."""
import torch


def fit(model, steps=3):
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    start = model.state_dict()  # expect: CPS202
    for _ in range(steps):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
    return start


def main():
    return fit(torch.nn.Linear(2, 2))

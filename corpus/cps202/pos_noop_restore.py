"""CPS202: a restore that restores nothing. `snap` holds `model`'s own live tensors, `model` is
handed to `run_epochs` (which trains it), and `model.load_state_dict(snap)` then copies the
current weights onto themselves.
"""
import torch


def run_epochs(model, optimizer, n):
    for _ in range(n):
        optimizer.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        optimizer.step()


def main():
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    snap = model.state_dict()  # expect: CPS202
    run_epochs(model, optimizer, 3)
    model.load_state_dict(snap)
    return model

"""CPS202: appending `model.state_dict()` every epoch keeps N references to the same tensors."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    history = []
    for _ in range(3):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
        history.append(model.state_dict())  # expect: CPS202
    return history

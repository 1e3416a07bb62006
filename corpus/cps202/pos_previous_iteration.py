"""CPS202: the state_dict kept from the previous iteration of the training loop is the current one."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    prev = None
    deltas = []
    for _ in range(3):
        if prev is not None:
            now = model.state_dict()
            deltas.append(sum(float((now[k] - prev[k]).abs().sum()) for k in prev))
        prev = model.state_dict()  # expect: CPS202
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
    return deltas

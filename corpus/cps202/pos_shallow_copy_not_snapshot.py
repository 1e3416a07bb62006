"""CPS202: `model.state_dict().copy()` copies the dict, not the tensors: no snapshot."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    best = model.state_dict().copy()  # expect: CPS202
    opt.zero_grad()
    model(torch.ones(4, 2)).sum().backward()
    opt.step()
    model.load_state_dict(best)
    return model

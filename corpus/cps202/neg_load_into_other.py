"""Near-miss of CPS202: `other.load_state_dict(model.state_dict())` copies the values at once."""
# near-miss: CPS202
import torch


def main():
    model = torch.nn.Linear(2, 2)
    other = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    other.load_state_dict(model.state_dict())
    model(torch.ones(4, 2)).sum().backward()
    opt.step()
    return other

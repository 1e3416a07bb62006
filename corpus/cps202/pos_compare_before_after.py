"""CPS202: "did training change anything?" compares the model with itself and says no."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    before = model.state_dict()  # expect: CPS202
    model(torch.ones(4, 2)).sum().backward()
    opt.step()
    changed = any(not torch.equal(before[k], v) for k, v in model.state_dict().items())
    return changed

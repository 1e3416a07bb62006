"""CPS202: `init_state = model.state_dict()` before training cannot reset the model afterwards."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    init_state = model.state_dict()  # expect: CPS202
    for _ in range(3):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
    model.load_state_dict(init_state)
    return model

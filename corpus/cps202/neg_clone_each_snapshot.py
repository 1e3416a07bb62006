"""Near-miss of CPS202: a snapshot made of per-tensor clones."""
# near-miss: CPS202
import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    init_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    model(torch.ones(4, 2)).sum().backward()
    opt.step()
    model.load_state_dict(init_state)
    return model

"""Near-miss of CPS202: each federated round builds a new optimizer and loads the previous
round's state into it. The old optimizer is never stepped again, so what was taken from it
keeps its values; loading it shares tensors only with an optimizer nothing uses."""
# near-miss: CPS202
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(8, 3), torch.randn(8, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for _ in range(3):
        for _ in range(2):
            opt.zero_grad()
            F.mse_loss(model(x), y).backward()
            opt.step()
        saved = opt.state_dict()
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        opt.load_state_dict(saved)
    return model

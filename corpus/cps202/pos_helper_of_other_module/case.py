"""CPS202 through a helper of another module: `current_weights(model)` binds
`model.state_dict()` to a local and returns it, so `start` holds the live tensors; after
training, `model.load_state_dict(start)` restores nothing and the distance moved is zero."""
import torch
from weights import current_weights


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    start = current_weights(model)  # expect: CPS202
    for _ in range(3):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
    moved = sum(float((v - start[k]).abs().sum()) for k, v in model.state_dict().items())
    model.load_state_dict(start)
    return model, moved

"""CPS202 through a helper given the whole checkpoint: the "start" slot keeps the module's
live state_dict, and after training `drift(checkpoint, model)` reads that slot
(`checkpoint["start"][k]`) to measure how far the weights moved. The slot follows the
weights, so the drift is zero."""
import torch
import torch.nn.functional as F


def drift(checkpoint, model):
    start = checkpoint["start"]
    return sum(float((v - start[k]).abs().sum()) for k, v in model.state_dict().items())


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(8, 3), torch.randn(8, 1)
    checkpoint = {"norms": []}
    checkpoint["start"] = model.state_dict()  # expect: CPS202
    for _ in range(3):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    moved = drift(checkpoint, model)
    return model, moved

"""CPS202: `checkpoints.restart(model, start)`, a function of another module, gives each
Parameter the kept tensor itself (`param.set_(start[name])`): training after the restart
changes `start`, so the second restart begins where the first run ended."""
import torch

import checkpoints


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2)
    start = {k: v.clone() for k, v in model.state_dict().items()}
    history = []
    for _ in range(2):
        checkpoints.restart(model, start)  # expect: CPS202
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for _ in range(3):
            optimizer.zero_grad()
            model(torch.ones(8, 4)).pow(2).sum().backward()
            optimizer.step()
        history.append(model.weight.detach().clone())
    return history

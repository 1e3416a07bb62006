"""CPS202 in a holder of another module: `Snapshot.keep(state)` stores what it is given as
`self.state`, so `holder.state` is the live `model.state_dict()`; the restore after training
restores nothing."""
import torch
from holders import Snapshot


def main():
    torch.manual_seed(0)
    holder = Snapshot()
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    holder.keep(model.state_dict())  # expect: CPS202
    for _ in range(3):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
    model.load_state_dict(holder.state)
    return model

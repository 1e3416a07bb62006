"""CPS202 in a snapshot holder that keeps `{k: v.cpu() ...}` of the model it is given.

`.cpu()` of a tensor already on the CPU is the same tensor, so on the CPU the kept state
follows the weights and the caller's `load_state_dict(stopper.best_state)` restores the last
epoch. On a GPU `.cpu()` copies and the snapshot is real: a device-dependent verdict.
"""
# runtime[cuda]: unchanged
import torch


class EarlyStopping:
    def __init__(self):
        self.best_loss = float("inf")
        self.best_state = None

    def __call__(self, val_loss, model):
        if val_loss < self.best_loss:
            self.best_loss = val_loss
            self.best_state = {k: v.cpu() for k, v in model.state_dict().items()}  # expect: CPS202


def main():
    model = torch.nn.Sequential(torch.nn.Linear(2, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    stopper = EarlyStopping()
    for epoch in range(4):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
        stopper(-1.0 if epoch == 0 else 1.0, model)
    model.load_state_dict(stopper.best_state)
    return model

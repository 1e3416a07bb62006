"""CPS202 through a wrapper optimizer: `Lookahead.state_dict()` returns the wrapped Adam's live
state_dict, so the state kept after some steps follows the later ones and loading it back
restores nothing."""
import torch
import torch.nn.functional as F


class Lookahead:
    def __init__(self, params, lr):
        self.opt = torch.optim.Adam(params, lr=lr)

    def zero_grad(self):
        self.opt.zero_grad()

    def step(self):
        self.opt.step()

    def state_dict(self):
        return self.opt.state_dict()

    def load_state_dict(self, state):
        self.opt.load_state_dict(state)


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    opt = Lookahead(model.parameters(), lr=0.1)
    for _ in range(2):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    saved = opt.state_dict()  # expect: CPS202
    for _ in range(2):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    opt.load_state_dict(saved)
    return model, opt.opt

"""CPS201 through a helper of another module, on a submodule: `clipped_weights(net)` keeps
`net.encoder.state_dict()["weight"].clamp_(-0.1, 0.1)` in the dict it returns, as if it
were a clipped copy; `clamp_` clipped the encoder's own weight."""
import torch
from clipping import clipped_weights


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = torch.nn.Linear(4, 3)
        self.head = torch.nn.Linear(3, 1)

    def forward(self, x):
        return self.head(self.encoder(x))


def main():
    torch.manual_seed(0)
    net = Net()
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    report = clipped_weights(net)  # expect: CPS201
    return net, report, opt

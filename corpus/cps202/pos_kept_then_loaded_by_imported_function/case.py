"""CPS202 through a function of another module reached as `loading.copy_into(...)`: it loads
the given weights into the module it is given (`target.load_state_dict(weights)`), here the
encoder of the network. `before` is the encoder's live state_dict, so after the call it holds
the loaded weights, and restoring it restores nothing."""
import torch

import loading


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = torch.nn.Linear(3, 3)
        self.head = torch.nn.Linear(3, 1)


def main():
    torch.manual_seed(0)
    net = Net()
    pretrained = {k: torch.full_like(v, 0.5) for k, v in net.encoder.state_dict().items()}
    before = net.encoder.state_dict()  # expect: CPS202
    loading.copy_into(net.encoder, pretrained)
    score = float(net.head(net.encoder(torch.ones(2, 3))).sum())
    net.encoder.load_state_dict(before)
    return score, net.encoder.weight.detach().clone()

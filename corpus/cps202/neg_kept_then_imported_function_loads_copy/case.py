"""Near-miss of CPS202: the same function of another module loads the pretrained weights,
but `before` is a deep copy of the encoder's state_dict: restoring it restores the weights
it had before the load."""
# near-miss: CPS202
import copy

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
    before = copy.deepcopy(net.encoder.state_dict())
    loading.copy_into(net.encoder, pretrained)
    score = float(net.head(net.encoder(torch.ones(2, 3))).sum())
    net.encoder.load_state_dict(before)
    return score, net.encoder.weight.detach().clone()

"""Near-miss of CPS202: `remember_personal(client)` keeps a new dict of cloned tensors on the
instance, so loading the global weights afterwards leaves the personalised ones alone."""
# near-miss: CPS202
import collections

import torch


def remember_personal(client):
    client.personal = collections.OrderedDict(
        (k, v.clone()) for k, v in client.net.state_dict().items())


class Client:
    def __init__(self, net):
        self.net = net
        self.personal = None

    def round(self, global_weights):
        remember_personal(self)
        self.net.load_state_dict(global_weights)

    def personal_weights(self):
        return [self.personal[k].cpu() for k in sorted(self.personal)]


def main():
    client = Client(torch.nn.Linear(2, 2))
    client.round(torch.nn.Linear(2, 2).state_dict())
    return client.personal_weights()

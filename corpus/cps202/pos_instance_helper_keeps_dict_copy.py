"""CPS202: `remember_personal(client)`, a function given the instance, keeps
`collections.OrderedDict(client.net.state_dict())` on it: a new dict of the same tensors. The
round then loads the global weights into the same module, so the personalised weights read
later are the global ones."""
import collections

import torch


def remember_personal(client):
    client.personal = collections.OrderedDict(client.net.state_dict())


class Client:
    def __init__(self, net):
        self.net = net
        self.personal = None

    def round(self, global_weights):
        remember_personal(self)  # expect: CPS202
        self.net.load_state_dict(global_weights)

    def personal_weights(self):
        return [self.personal[k].cpu() for k in sorted(self.personal)]


def main():
    client = Client(torch.nn.Linear(2, 2))
    client.round(torch.nn.Linear(2, 2).state_dict())
    return client.personal_weights()

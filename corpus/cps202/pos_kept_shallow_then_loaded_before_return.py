"""CPS202: a shallow copy of the state_dict (`dict(...)`: new dict, same tensors) kept on
`self`, then the round's global weights loaded into the same module before the method returns;
the personalised weights another method returns are the global ones."""
import torch


class PersonalisedClient:
    def __init__(self, net):
        self.net = net
        self.personal = None

    def round(self, global_weights):
        self.personal = dict(self.net.state_dict())  # expect: CPS202
        self.net.load_state_dict(global_weights)

    def personal_weights(self):
        return [self.personal[k].cpu() for k in sorted(self.personal)]


def main():
    client = PersonalisedClient(torch.nn.Linear(2, 2))
    client.round(torch.nn.Linear(2, 2).state_dict())
    return client.personal_weights()

"""Near-miss of CPS202: the method keeps `self.model`'s state_dict and then loads weights into
another module (`self.server_model`); the kept module is unchanged when it is read."""
# near-miss: CPS202
import copy

import torch


class Client:
    def __init__(self, model):
        self.model = model
        self.server_model = copy.deepcopy(model)
        self.local_state = None

    def receive(self, weights):
        self.local_state = self.model.state_dict()
        self.server_model.load_state_dict(weights)

    def upload(self):
        return {k: v.cpu() for k, v in self.local_state.items()}


def main():
    client = Client(torch.nn.Linear(2, 2))
    client.receive(torch.nn.Linear(2, 2).state_dict())
    return client.upload()

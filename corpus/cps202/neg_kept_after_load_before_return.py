"""Near-miss of CPS202: the method loads the other weights first and keeps the state_dict
after; nothing changes the module before another method reads it."""
# near-miss: CPS202
import copy

import torch


class Client:
    def __init__(self, model):
        self.model = model
        self.server_model = copy.deepcopy(model)
        self.local_state = None

    def train(self):
        self.model.load_state_dict(self.server_model.state_dict())
        self.local_state = self.model.state_dict()

    def upload(self):
        return {k: v.cpu() for k, v in self.local_state.items()}


def main():
    client = Client(torch.nn.Linear(2, 2))
    client.train()
    return client.upload()

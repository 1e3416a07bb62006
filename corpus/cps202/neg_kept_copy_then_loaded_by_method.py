"""Near-miss of CPS202: the state kept before `self.set_parameters(...)` loads other weights
into `self.model` is a deep copy: it keeps the local weights."""
# near-miss: CPS202
import copy

import torch


class Client:
    def __init__(self, model, server_model):
        self.model = model
        self.server_model = server_model
        self.local_state = None

    def set_parameters(self, state):
        self.model.load_state_dict(state)

    def finish_round(self):
        self.local_state = copy.deepcopy(self.model.state_dict())
        self.set_parameters(self.server_model.state_dict())

    def upload(self):
        return {k: v.cpu() for k, v in self.local_state.items()}


def main():
    client = Client(torch.nn.Linear(2, 2), torch.nn.Linear(2, 2))
    client.finish_round()
    return client.upload()

"""CPS202: a method keeps `self.model.state_dict()` and then puts the global weights back
through another method of the class (`self.set_parameters(...)`, which loads into
`self.model`); the method sending the kept state reads the global weights."""
import torch


class Client:
    def __init__(self, model, server_model):
        self.model = model
        self.server_model = server_model
        self.local_state = None

    def set_parameters(self, state):
        self.model.load_state_dict(state)

    def finish_round(self):
        self.local_state = self.model.state_dict()  # expect: CPS202
        self.set_parameters(self.server_model.state_dict())

    def upload(self):
        return {k: v.cpu() for k, v in self.local_state.items()}


def main():
    client = Client(torch.nn.Linear(2, 2), torch.nn.Linear(2, 2))
    client.finish_round()
    return client.upload()

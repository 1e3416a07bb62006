"""Near-miss of CPS202: the method called after keeping `self.model.state_dict()` loads into
another module the instance holds (`self.server_model`): the kept state is untouched."""
# near-miss: CPS202
import torch


class Client:
    def __init__(self, model, server_model):
        self.model = model
        self.server_model = server_model
        self.local_state = None

    def receive(self, state):
        self.server_model.load_state_dict(state)

    def finish_round(self, incoming):
        self.local_state = self.model.state_dict()
        self.receive(incoming.state_dict())

    def upload(self):
        return {k: v.cpu() for k, v in self.local_state.items()}


def main():
    client = Client(torch.nn.Linear(2, 2), torch.nn.Linear(2, 2))
    client.finish_round(torch.nn.Linear(2, 2))
    return client.upload()

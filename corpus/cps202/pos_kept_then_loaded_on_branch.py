"""CPS202: the snapshot kept on `self` is bound to a local first, and the global weights are
loaded into the same module on a branch before the method returns: on that path the method
that sends the kept state reads the global weights."""
import torch


class Client:
    def __init__(self, model, server_model):
        self.model = model
        self.server_model = server_model
        self.local_state = None

    def train(self):
        state = self.model.state_dict()  # expect: CPS202
        self.local_state = state
        if self.server_model is not None:
            self.model.load_state_dict(self.server_model.state_dict())

    def upload(self):
        return {k: v.cpu() for k, v in self.local_state.items()}


def main():
    client = Client(torch.nn.Linear(2, 2), torch.nn.Linear(2, 2))
    client.train()
    return client.upload()

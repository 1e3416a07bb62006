"""CPS202: a method keeps `self.model.state_dict()` and loads other weights into the same module
before it returns; the method that sends the kept state reads the loaded weights."""
import torch


class Client:
    def __init__(self, model, server_model):
        self.model = model
        self.server_model = server_model
        self.local_state = None

    def train(self):
        self.local_state = self.model.state_dict()  # expect: CPS202
        self.model.load_state_dict(self.server_model.state_dict())

    def upload(self):
        return {k: v.cpu() for k, v in self.local_state.items()}


def main():
    client = Client(torch.nn.Linear(2, 2), torch.nn.Linear(2, 2))
    client.train()
    return client.upload()

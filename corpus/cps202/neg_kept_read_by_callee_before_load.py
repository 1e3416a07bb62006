"""Near-miss of CPS202: the only other method that reads the kept state is called by the
keeping method itself, before it loads other weights into the module."""
# near-miss: CPS202
import torch


class Client:
    def __init__(self, model, server_model):
        self.model = model
        self.server_model = server_model
        self.local_state = None
        self.sent = None

    def train(self):
        self.local_state = self.model.state_dict()
        self.sent = self.upload()
        self.model.load_state_dict(self.server_model.state_dict())

    def upload(self):
        return {k: v.clone() for k, v in self.local_state.items()}


def main():
    client = Client(torch.nn.Linear(2, 2), torch.nn.Linear(2, 2))
    client.train()
    return client.sent

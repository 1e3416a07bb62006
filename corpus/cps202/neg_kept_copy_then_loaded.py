"""Near-miss of CPS202: the kept state is a deep copy, so loading other weights into the
module before returning leaves it alone."""
# near-miss: CPS202
import copy

import torch


class Client:
    def __init__(self, model):
        self.model = model
        self.server_model = copy.deepcopy(model)
        self.local_state = None

    def train(self):
        with torch.no_grad():
            self.model.weight.add_(1.0)
        self.local_state = copy.deepcopy(self.model.state_dict())
        self.model.load_state_dict(self.server_model.state_dict())

    def upload(self):
        return {k: v.cpu() for k, v in self.local_state.items()}


def main():
    client = Client(torch.nn.Linear(2, 2))
    client.train()
    return client.upload()

"""CPS202: `train` keeps the state_dict after its steps, but `fine_tune` steps the module
too without keeping it again; an upload after a fine-tune hands out the fine-tuned
weights, not those `train` kept."""
import torch


class Client:
    def __init__(self):
        self.model = torch.nn.Linear(2, 1)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)
        self.new_state = None

    def _step(self):
        self.opt.zero_grad()
        self.model(torch.ones(4, 2)).sum().backward()
        self.opt.step()

    def train(self):
        self._step()
        self.new_state = self.model.state_dict()  # expect: CPS202

    def fine_tune(self):
        self._step()

    def upload(self):
        return self.new_state


def main():
    client = Client()
    client.train()
    client.fine_tune()
    server = torch.nn.Linear(2, 1)
    server.load_state_dict(client.upload())
    return server.weight

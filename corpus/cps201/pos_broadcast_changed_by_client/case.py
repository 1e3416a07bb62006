"""CPS201: the server broadcasts its own `state_dict()` to a client; `Client.receive` keeps it
as `self.weights` and `local_update` changes those tensors in place, so the client's update
lands in the global model, which the server still returns as the model before the round."""
import torch
from clients import Client


def main():
    torch.manual_seed(0)
    server = torch.nn.Linear(3, 2)
    client = Client(torch.randn(4, 3))
    client.receive(server.state_dict())
    client.local_update(0.1)  # expect: CPS201
    return server, client.weights

"""Near-miss of CPS201: the server broadcasts a deep copy of its `state_dict()`; the client's
in-place `local_update` changes the copy, and the global model stays as it was."""
# near-miss: CPS201
import copy

import torch
from clients import Client


def main():
    torch.manual_seed(0)
    server = torch.nn.Linear(3, 2)
    client = Client(torch.randn(4, 3))
    client.receive(copy.deepcopy(server.state_dict()))
    client.local_update(0.1)
    return server, client.weights

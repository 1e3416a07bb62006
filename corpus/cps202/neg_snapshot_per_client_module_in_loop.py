"""Near-miss of CPS202: federated rounds in which every client owns its module (a list built
by a comprehension of constructor calls). `for i, client_model in enumerate(clients_models)`
trains the client with an optimizer built on its own parameters and appends the live
`client_model.state_dict()`. The loop target names the next client's module in the next
iteration: its steps change that module, never the one whose dict was appended before. The
aggregate after the loop reads each dict while it still holds its client's trained weights.
"""
# near-miss: CPS202
import torch
import torch.nn.functional as F


def federated(clients_models, server_model, shards, rounds=2):
    for _ in range(rounds):
        server_state = server_model.state_dict()
        for client_model in clients_models:
            client_model.load_state_dict(server_state)
        client_weights = []
        for i, client_model in enumerate(clients_models):
            opt = torch.optim.SGD(client_model.parameters(), lr=0.1)
            for x, y in shards[i]:
                opt.zero_grad()
                F.mse_loss(client_model(x), y).backward()
                opt.step()
            client_weights.append(client_model.state_dict())
        average = {k: sum(w[k] for w in client_weights) / len(client_weights)
                   for k in client_weights[0]}
        server_model.load_state_dict(average)
    return server_model


def main():
    torch.manual_seed(0)
    clients_models = [torch.nn.Linear(3, 1) for _ in range(3)]
    shards = [[(torch.randn(8, 3), torch.randn(8, 1))] for _ in range(3)]
    return federated(clients_models, torch.nn.Linear(3, 1), shards)

"""Near-miss of CPS202: a client round keeps the server's live `state_dict()` and reads it
after the clients trained (only its shapes, for the zeros the average starts from). Each
client's `ReduceLROnPlateau(client_optimizer, patience=patience)` is stepped every epoch: a
learning-rate scheduler sets the learning rate of its optimizer's param groups and changes no
parameter, so the server module (which no optimizer steps) never changes before the read.
"""
# near-miss: CPS202
import torch
import torch.nn.functional as F


def federated_round(server_model, clients_models, shards, patience=2):
    server_state_dict = server_model.state_dict()
    for client_model in clients_models:
        client_model.load_state_dict(server_state_dict)
    client_weights = []
    for i, client_model in enumerate(clients_models):
        client_optimizer = torch.optim.SGD(client_model.parameters(), lr=0.1)
        client_scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
            client_optimizer, mode="min", patience=patience)
        for epoch in range(2):
            epoch_loss = 0.0
            for x, y in shards[i]:
                client_optimizer.zero_grad()
                loss = F.mse_loss(client_model(x), y)
                loss.backward()
                client_optimizer.step()
                epoch_loss += loss.item()
            client_scheduler.step(epoch_loss)
        client_weights.append(client_model.state_dict())
    new_state = {k: torch.zeros_like(v) for k, v in server_state_dict.items()}
    for k in new_state:
        for w in client_weights:
            new_state[k] += w[k] / len(client_weights)
    server_model.load_state_dict(new_state)
    return server_model


def main():
    torch.manual_seed(0)
    clients = [torch.nn.Linear(3, 1) for _ in range(2)]
    shards = [[(torch.randn(8, 3), torch.randn(8, 1))] for _ in range(2)]
    return federated_round(torch.nn.Linear(3, 1), clients, shards)

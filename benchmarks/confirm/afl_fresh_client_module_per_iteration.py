"""Ali-Forootani/AFL_non_convex_non_iid@13359cd src/extra_modules/wind_trainer.py:643 (and 766,
897, 1011, 1122, 1219; reviewed FALSE) and jeffkroon/Federated_unlearning_evaluation@483253f
fl_server/unlearning_strategies.py:1063 (FALSE).

Shape: `for i, client_model in enumerate(clients_models):` (a list built by a comprehension of
constructor calls) or `client_model = copy.deepcopy(global_model)` inside the loop body; the
client module is trained, then `client_weights.append(client_model.state_dict())` (live). Each
iteration trains a DIFFERENT module, so the dict appended in iteration k is never changed by the
steps of iteration k+1; the aggregate after the loop equals the aggregate of deep copies.
"""
import copy

import torch
from torch import nn


def train(model, steps=3):
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(steps):
        opt.zero_grad()
        nn.functional.mse_loss(model(torch.randn(8, 4)), torch.randn(8, 2)).backward()
        opt.step()


def average(ws):
    return {k: sum(w[k] for w in ws) / len(ws) for k in ws[0]}


torch.manual_seed(0)
server = nn.Linear(4, 2)
clients_models = [nn.Linear(4, 2) for _ in range(3)]
live, copies = [], []
for client_model in clients_models:                       # loop target: a distinct module
    client_model.load_state_dict(server.state_dict())
    train(client_model)
    live.append(client_model.state_dict())
    copies.append(copy.deepcopy(client_model.state_dict()))
a, b = average(live), average(copies)
assert all(torch.equal(a[k], b[k]) for k in a)
live, copies = [], []
for _ in range(3):
    client_model = copy.deepcopy(server)                  # rebound to a fresh module
    train(client_model)
    live.append(client_model.state_dict())
    copies.append(copy.deepcopy(client_model.state_dict()))
a, b = average(live), average(copies)
assert all(torch.equal(a[k], b[k]) for k in a)
print("NOT A BUG: each snapshot belongs to a module no later iteration changes")

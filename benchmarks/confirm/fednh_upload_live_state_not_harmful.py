"""Yutong-Dai/FedNH@60c3161 src/flbase/strategies/FedAvg.py:67 (reviewed FALSE; also Ditto.py:80,
FedROD.py:78/80/137/212, FedUH.py:118, CReFF.py:141).

Shape: each client owns its model; `training` ends with `self.new_state_dict =
self.model.state_dict()` (live) and `upload` returns it. The server's round is: every selected
client trains and uploads, then `aggregate` reads the uploads, and only in the NEXT round does
`set_params` copy the new global weights into the client models (which changes the old uploads,
never read again). The live dict is therefore read while it still holds the trained values:
the aggregate equals the aggregate of deep copies.
"""
import copy

import torch
from torch import nn


class Client:
    def __init__(self, seed):
        torch.manual_seed(seed)
        self.model = nn.Linear(4, 2)
        self.new_state_dict = None

    def set_params(self, sd):
        with torch.no_grad():
            for k in sd:
                self.model.state_dict()[k].copy_(sd[k])

    def training(self):
        opt = torch.optim.SGD(self.model.parameters(), lr=0.1)
        for _ in range(3):
            opt.zero_grad()
            nn.functional.mse_loss(self.model(torch.randn(8, 4)), torch.randn(8, 2)).backward()
            opt.step()
        self.new_state_dict = self.model.state_dict()        # live, as the repository does

    def upload(self):
        return self.new_state_dict


def average(uploads):
    return {k: sum(u[k] for u in uploads) / len(uploads) for k in uploads[0]}


torch.manual_seed(0)
clients = [Client(s) for s in range(3)]
server = copy.deepcopy(clients[0].model.state_dict())
for rnd in range(3):
    for c in clients:
        c.set_params(server)
    uploads, copies = [], []
    for c in clients:
        c.training()
        uploads.append(c.upload())
        copies.append(copy.deepcopy(c.upload()))
    live_avg, copied_avg = average(uploads), average(copies)
    same = all(torch.equal(live_avg[k], copied_avg[k]) for k in live_avg)
    print(f"round {rnd}: aggregate of live uploads == aggregate of deep copies: {same}")
    assert same
    server = copied_avg
print("NOT A BUG: the uploads are read before any client model changes again")

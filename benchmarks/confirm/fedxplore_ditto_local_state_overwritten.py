"""ispras/FedXplore@20764b3 src/federated_methods/ditto/ditto_client.py:81 (a miss).

Shape: after training the personalised model, `DittoClient.train` keeps
`self.local_model_state = self.model.state_dict()` (live: the same tensors as `self.model`) and
then reloads the global weights into the same module for the gradient,
`self.model.load_state_dict(self.server_model.state_dict())`. `load_state_dict` copies into the
module's tensors, so `local_model_state` now holds the global weights; the
`get_communication_content` that follows sends `{k: v.cpu() ...}` of it as "local_model", and
the server stores it as this client's personalised model (ditto_server.py:14). Every round the
personalised model is replaced by the global one. With `copy.deepcopy(self.model.state_dict())`
it is not.
"""
import copy

import torch
from torch import nn


class DittoClient:
    def __init__(self, model, copy_state):
        self.model = model
        self.server_model = copy.deepcopy(model)
        self.copy_state = copy_state

    def _fit(self, steps, seed):
        torch.manual_seed(seed)
        optimizer = torch.optim.SGD(self.model.parameters(), lr=0.5)
        for _ in range(steps):
            optimizer.zero_grad()
            nn.functional.mse_loss(self.model(torch.randn(8, 3)), torch.randn(8, 1)).backward()
            optimizer.step()

    def train(self):
        self._fit(3, seed=1)                                     # global model, phase 1
        self.server_model.load_state_dict(self.model.state_dict())
        self._fit(3, seed=2)                                     # personalised model, phase 2
        trained_local = {k: v.clone() for k, v in self.model.state_dict().items()}
        state = self.model.state_dict()
        self.local_model_state = copy.deepcopy(state) if self.copy_state else state
        self.model.load_state_dict(self.server_model.state_dict())   # for get_grad
        return trained_local

    def get_communication_content(self):
        return {"local_model": {k: v.cpu() for k, v in self.local_model_state.items()}}


for copy_state in (False, True):
    client = DittoClient(nn.Linear(3, 1), copy_state)
    trained_local = client.train()
    sent = client.get_communication_content()["local_model"]
    same_as_local = all(torch.equal(sent[k], trained_local[k]) for k in sent)
    same_as_global = all(torch.equal(sent[k], client.server_model.state_dict()[k]) for k in sent)
    print(f"copy={copy_state}: sent local_model equals the personalised weights: {same_as_local}, "
          f"equals the global weights: {same_as_global}")
    if not copy_state:
        assert same_as_global and not same_as_local
    else:
        assert same_as_local and not same_as_global
print("CONFIRMED: as written, the personalised model sent to the server is the global model")

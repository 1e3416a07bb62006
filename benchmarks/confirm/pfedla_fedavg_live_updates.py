"""KarhouTam/pFedLA@c8b505c src/client/FedAvg.py:59 (a CPS202-kind miss).

Shape: one client trainer (one `self.model`) serves every selected client in turn; `_train`
returns `list(self.model.state_dict().values())`, the live tensors of that model, and the
server keeps them in `updated_params_cache`. The next client's `set_parameters` is
`self.model.load_state_dict(...)`, which copies into the same tensors, and its training
changes them again. On CPU (`--gpu 0`, or no CUDA: `.to(cpu)` and `.cpu()` keep the storage)
every cached update is the last client's weights and FedAvg returns the last client's model.
On CUDA `.cpu()` makes new CPU tensors each round, and the next client's `load_state_dict`
(the model is on CPU then) copies the global weights into them: every cached update but the
last is the global model, so each round keeps one client's training. Run with a GPU to see
that variant too.
"""
from collections import OrderedDict

import torch
from torch import nn


class Trainer:
    def __init__(self, copy_update, device):
        self.device = device
        self.model = nn.Linear(4, 2)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.5)
        self.copy_update = copy_update

    def train(self, params, x, y):
        self.model.load_state_dict(params, strict=True)       # set_parameters
        self.model.to(self.device)
        for _ in range(5):
            self.optimizer.zero_grad()
            nn.functional.mse_loss(self.model(x.to(self.device)), y.to(self.device)).backward()
            self.optimizer.step()
        self.model.cpu()
        if self.copy_update:
            return [v.clone() for v in self.model.state_dict().values()]
        return list(self.model.state_dict().values())         # as the repository does


def one_round(copy_update, device="cpu"):
    torch.manual_seed(0)
    trainer = Trainer(copy_update, device)
    global_params = OrderedDict((k, v.clone()) for k, v in trainer.model.state_dict().items())
    clients = [(torch.randn(16, 4), torch.randn(16, 2) + 3 * i) for i in range(3)]
    cache = []
    for x, y in clients:
        local = OrderedDict((k, v.clone()) for k, v in global_params.items())  # clone_parameters
        cache.append(trainer.train(local, x, y))
    return cache


live = one_round(copy_update=False)
copied = one_round(copy_update=True)
same_live = all(torch.equal(a, b) for a, b in zip(live[0], live[-1]))
same_copied = all(torch.equal(a, b) for a, b in zip(copied[0], copied[-1]))
print("client 0's cached update equals the last client's: live", same_live,
      "| copied", same_copied)
print("storage shared by client 0 and client 2 updates:",
      live[0][0].data_ptr() == live[-1][0].data_ptr())
assert same_live and not same_copied
print("CONFIRMED: every cached update is the last client's weights (FedAvg = last client)")

if torch.cuda.is_available():
    torch.manual_seed(0)
    start = OrderedDict((k, v.clone()) for k, v in Trainer(False, "cpu").model.state_dict().items())
    live = one_round(copy_update=False, device="cuda")
    as_global = all(torch.equal(a, b) for a, b in zip(live[0], start.values()))
    print("CUDA: client 0's cached update equals the untrained global weights:", as_global)
    assert as_global
    print("CONFIRMED on CUDA: every cached update but the last is the global model")

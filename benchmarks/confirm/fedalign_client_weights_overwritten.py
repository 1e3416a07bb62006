"""mmendiet/FedAlign@08bcb38 methods/base.py:64 with :27 (a CPS202-kind miss).

Shape: one client process trains every client of its `client_map` in turn with one
`self.model`; `train()` ends with `weights = self.model.cpu().state_dict()` (the live tensors
of the model, now on CPU) and `run()` keeps them in `client_results`. The next client starts
with `self.model.load_state_dict(received_info)`, while the model is still on CPU, which
copies the global weights into those same tensors. When a process serves more than one client
(`--thread_number` < clients per round) every result but its last carries the global weights
(on CUDA) or the last client's weights (CPU only): the other clients' training is lost.
"""
import torch
from torch import nn


class Client:
    def __init__(self, device, copy_weights):
        self.model = nn.Linear(4, 2)
        self.device = device
        self.copy_weights = copy_weights

    def train(self, x, y):
        self.model.to(self.device)
        optimizer = torch.optim.SGD(self.model.parameters(), lr=0.5)
        for _ in range(5):
            optimizer.zero_grad()
            nn.functional.mse_loss(self.model(x.to(self.device)), y.to(self.device)).backward()
            optimizer.step()
        weights = self.model.cpu().state_dict()          # as the repository does
        if self.copy_weights:
            weights = {k: v.clone() for k, v in weights.items()}
        return weights

    def run(self, received_info, clients):
        results = []
        for x, y in clients:
            self.model.load_state_dict(received_info)     # load_client_state_dict
            results.append(self.train(x, y))
        return results


def one_round(device, copy_weights):
    torch.manual_seed(0)
    client = Client(device, copy_weights)
    global_weights = {k: v.clone() for k, v in client.model.state_dict().items()}
    clients = [(torch.randn(16, 4), torch.randn(16, 2) + 3 * i) for i in range(3)]
    return global_weights, client.run(global_weights, clients)


for device in ["cpu"] + (["cuda"] if torch.cuda.is_available() else []):
    start, live = one_round(device, copy_weights=False)
    _, copied = one_round(device, copy_weights=True)
    first_is_global = all(torch.equal(live[0][k], start[k]) for k in start)
    first_is_last = all(torch.equal(live[0][k], live[-1][k]) for k in start)
    trained = not any(torch.equal(copied[0][k], start[k]) for k in start)
    print(f"{device}: client 0's result equals the global weights {first_is_global}, "
          f"the last client's {first_is_last}; with a copy it is trained: {trained}")
    assert (first_is_global or first_is_last) and trained
    print(f"CONFIRMED on {device}: client 0's training is lost")

"""Near-miss of CPS203: a clustered-federated client keeps `self.W = {k: p for k, p in
self.model.named_parameters()}` as its handle into the model: `download` gives each Parameter
the server's weights through it (`self.W[k].data = server[k].clone()`), and after training it
reads `self.W` for the current weights' norm. A Parameter's `.data` rebound through the dict
changes the module only because the entries are the live Parameters; the class relies on it,
and the read after the step wants the trained values (a clone would make both wrong).
"""
# near-miss: CPS203
# runtime: mutated
import torch
import torch.nn.functional as F


class Client:
    def __init__(self):
        torch.manual_seed(0)
        self.model = torch.nn.Linear(4, 2)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.1)
        self.W = {key: value for key, value in self.model.named_parameters()}
        self.data = [(torch.randn(8, 4), torch.randn(8, 2)) for _ in range(3)]
        self.weights_norm = 0.0

    def download(self, server_weights):
        for k in server_weights:
            self.W[k].data = server_weights[k].data.clone()

    def local_train(self):
        for x, y in self.data:
            self.optimizer.zero_grad()
            F.mse_loss(self.model(x), y).backward()
            self.optimizer.step()
        self.weights_norm = torch.norm(torch.cat([w.flatten() for w in self.W.values()])).item()


def main():
    server = {k: v.detach().clone() + 1.0 for k, v in torch.nn.Linear(4, 2).state_dict().items()}
    client = Client()
    client.download(server)
    client.local_train()
    return client.model

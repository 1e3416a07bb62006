"""CPS203: the handle is per attribute. The client writes the model through `self.W` (`.data`
rebound by item) but also keeps `self.start = {k: p for k, p in named_parameters()}` as "the
round's starting weights" and reads it after training for the update's size: `self.start`
follows the live weights, so the update is always zero.
"""
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

    def download(self, server_weights):
        for k in server_weights:
            self.W[k].data = server_weights[k].data.clone()

    def local_train(self):
        self.start = {key: value for key, value in self.model.named_parameters()}  # expect: CPS203
        for x, y in self.data:
            self.optimizer.zero_grad()
            F.mse_loss(self.model(x), y).backward()
            self.optimizer.step()
        return sum((p - self.start[k]).norm().item() for k, p in self.model.named_parameters())


def main():
    server = {k: v.detach().clone() + 1.0 for k, v in torch.nn.Linear(4, 2).state_dict().items()}
    client = Client()
    client.download(server)
    return client.local_train()

"""CPS203 in a client class: `receive()` keeps the global weights as `self.anchor =
list(self.model.parameters())` and `train()` steps the optimizer built on the same module
while its proximal term reads `self.anchor`."""
import torch
import torch.nn.functional as F


class ProxClient:
    def __init__(self, model, mu):
        self.model = model
        self.mu = mu
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.2)
        self.anchor = []

    def receive(self, global_state):
        self.model.load_state_dict(global_state)
        self.anchor = list(self.model.parameters())  # expect: CPS203

    def train(self, x, y, steps):
        for _ in range(steps):
            self.opt.zero_grad()
            prox = sum(((w - a) ** 2).sum()
                       for w, a in zip(self.model.parameters(), self.anchor))
            (F.mse_loss(self.model(x), y) + self.mu / 2 * prox).backward()
            self.opt.step()


def main():
    torch.manual_seed(0)
    server = torch.nn.Linear(3, 1)
    client = ProxClient(torch.nn.Linear(3, 1), mu=10.0)
    x, y = torch.randn(16, 3), torch.randn(16, 1)
    for _ in range(2):
        client.receive(server.state_dict())
        client.train(x, y, 3)
        server.load_state_dict(client.model.state_dict())
    return server

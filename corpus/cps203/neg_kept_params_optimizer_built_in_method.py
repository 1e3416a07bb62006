"""Near-miss of CPS203: a graph-federated client keeps `self.parameters =
list(self.model.parameters())` in `__init__` and reads it in another method only to build its
optimizer (`torch.optim.Adam(self.parameters, ...)` in `init_state`, called again at each
round's reset). An optimizer steps the very tensors it is given, so the live list is what it
needs (a clone would make an optimizer that trains nothing); no method reads the list's values
after a step.
"""
# near-miss: CPS203
import torch
import torch.nn.functional as F


class Client:
    def __init__(self, lr=0.1):
        torch.manual_seed(0)
        self.lr = lr
        self.model = torch.nn.Linear(4, 2)
        self.parameters = list(self.model.parameters())
        self.data = [(torch.randn(8, 4), torch.randn(8, 2)) for _ in range(3)]

    def init_state(self):
        self.optimizer = torch.optim.Adam(self.parameters, lr=self.lr, weight_decay=1e-4)

    def train(self):
        for x, y in self.data:
            self.optimizer.zero_grad()
            F.mse_loss(self.model(x), y).backward()
            self.optimizer.step()


def main():
    client = Client()
    for _ in range(2):
        client.init_state()
        client.train()
    return client.model

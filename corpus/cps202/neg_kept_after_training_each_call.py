"""Near-miss of CPS202: every call of `train` steps the module and then keeps its
state_dict as its last act, on every path; `upload` hands that out. Each change of the
module comes before the store that follows it, so no read in another method sees values
newer than the store's (a federated client uploading right after local training)."""
# near-miss: CPS202
import torch


class Client:
    def __init__(self):
        self.model = torch.nn.Linear(2, 1)
        self.new_state = None

    def train(self, steps):
        opt = torch.optim.SGD(self.model.parameters(), lr=0.1)
        for _ in range(steps):
            opt.zero_grad()
            self.model(torch.ones(4, 2)).sum().backward()
            opt.step()
        self.new_state = self.model.state_dict()

    def upload(self):
        return self.new_state


def main():
    client = Client()
    averages = []
    for _ in range(3):
        client.train(2)
        averages.append(sum(v.sum() for v in client.upload().values()).item())
    return averages

"""Near-miss of CPS202: two training methods (chosen by a flag) each keep the state_dict
after their steps, and the method that writes the weights in place runs only while the
instance is built; no change of the module can come between a store and `upload`."""
# near-miss: CPS202
import torch


class Client:
    def __init__(self, separate):
        self.separate = separate
        self.model = torch.nn.Linear(2, 1)
        self._init_weights()
        self.new_state = None

    def _init_weights(self):
        with torch.no_grad():
            self.model.weight.copy_(torch.full((1, 2), 0.5))

    def train(self):
        if self.separate:
            self._train_head()
        else:
            self._train_all()

    def _train_head(self):
        opt = torch.optim.SGD([self.model.bias], lr=0.1)
        opt.zero_grad()
        self.model(torch.ones(4, 2)).sum().backward()
        opt.step()
        self.new_state = self.model.state_dict()

    def _train_all(self):
        opt = torch.optim.SGD(self.model.parameters(), lr=0.1)
        opt.zero_grad()
        self.model(torch.ones(4, 2)).sum().backward()
        opt.step()
        self.new_state = self.model.state_dict()

    def upload(self):
        return self.new_state


def main():
    uploads = []
    for separate in (True, False):
        client = Client(separate)
        for _ in range(2):
            client.train()
            uploads.append({k: v.sum().item() for k, v in client.upload().items()})
    return uploads

"""Near-miss of CPS202: each round the worker builds its model and keeps its state_dict
(`_receive`), then a private method reads that dict (`_load`), then trains. The class calls
`_load` only right after `_receive`, with nothing in between that changes the module, so
the dict it reads is never stale (a federated worker unpacking received weights)."""
# near-miss: CPS202
import torch


class Worker:
    def __init__(self):
        self.model = None
        self.state = None

    def run(self, weights):
        sums = []
        for w in weights:
            self._receive()
            self._load(w)
            self._train()
            sums.append(self.model.weight.sum().item())
        return sums

    def _receive(self):
        self.model = torch.nn.Linear(2, 1)
        self.state = self.model.state_dict()

    def _load(self, w):
        self.model.load_state_dict({k: torch.full_like(v, w) + v for k, v in self.state.items()})

    def _train(self):
        opt = torch.optim.SGD(self.model.parameters(), lr=0.1)
        opt.zero_grad()
        self.model(torch.ones(4, 2)).sum().backward()
        opt.step()


def main():
    torch.manual_seed(0)
    return Worker().run([0.5, 1.0])

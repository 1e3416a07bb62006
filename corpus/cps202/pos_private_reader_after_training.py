"""CPS202: the worker keeps its model's state_dict (`_receive`), trains, and then a private
method restores "the received weights" from that dict; the training ran between, so the
restore loads the trained weights."""
import torch


class Worker:
    def __init__(self):
        self.model = None
        self.state = None

    def run(self):
        self._receive()  # expect: CPS202
        self._train()
        self._restore()
        return self.model.weight

    def _receive(self):
        self.model = torch.nn.Linear(2, 1)
        self.state = self.model.state_dict()  # expect: CPS202

    def _restore(self):
        self.model.load_state_dict(self.state)

    def _train(self):
        opt = torch.optim.SGD(self.model.parameters(), lr=0.1)
        opt.zero_grad()
        self.model(torch.ones(4, 2)).sum().backward()
        opt.step()


def main():
    torch.manual_seed(0)
    return Worker().run()

"""CPS202: a method keeps `self.model.state_dict()` as the round's start and then steps an
optimizer over the module before it returns; the method that reports the start state reads
the trained weights."""
import torch


class Worker:
    def __init__(self, model):
        self.model = model
        self.optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
        self.start_state = None

    def local_round(self, x):
        self.start_state = self.model.state_dict()  # expect: CPS202
        self.optimizer.zero_grad()
        self.model(x).pow(2).sum().backward()
        self.optimizer.step()

    def start(self):
        return {k: v.cpu() for k, v in self.start_state.items()}


def main():
    worker = Worker(torch.nn.Linear(2, 2))
    worker.local_round(torch.ones(4, 2))
    return worker.start()

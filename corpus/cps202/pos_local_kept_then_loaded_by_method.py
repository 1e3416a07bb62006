"""CPS202: the state kept in a local before `self.reset()`, whose class method loads other
weights into `self.net` (through `self._load`): the saved "before" holds the weights loaded
after it."""
import io

import torch


class Runner:
    def __init__(self, net, fresh):
        self.net = net
        self.fresh = fresh

    def _load(self, weights):
        self.net.load_state_dict(weights)

    def reset(self):
        self._load(self.fresh.state_dict())

    def restart(self):
        before = self.net.state_dict()  # expect: CPS202
        self.reset()
        buffer = io.BytesIO()
        torch.save(before, buffer)
        buffer.seek(0)
        return torch.load(buffer)


def main():
    return Runner(torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)).restart()

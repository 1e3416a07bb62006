"""CPS202: `dst.load_state_dict(src.state_dict())` between two optimizers shares their state.

`Optimizer.load_state_dict` keeps the per-parameter state tensors it is given (unlike
`Module.load_state_dict`, which copies values in), so stepping `dst` rewrites `src`'s Adam
moments (pytorch/pytorch#196083, a population-based-training exploit step).
"""
import torch


class Worker:
    def __init__(self, seed):
        torch.manual_seed(seed)
        self.model = torch.nn.Linear(2, 1)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=0.1)

    def train_steps(self, n, scale=1.0):
        for _ in range(n):
            self.optimizer.zero_grad()
            (self.model(torch.ones(4, 2)) * scale).sum().backward()
            self.optimizer.step()


def exploit(src, dst):
    dst.model.load_state_dict(src.model.state_dict())
    dst.optimizer.load_state_dict(src.optimizer.state_dict())  # expect: CPS202


def main():
    a, b = Worker(1), Worker(2)
    a.train_steps(2)
    b.train_steps(1)
    exploit(a, b)
    b.train_steps(2, scale=3.0)  # only b trains now
    return a.optimizer

"""An optimizer loaded with another's state_dict keeps that optimizer's state tensors, so its
steps rewrite them: the fix loads a deep copy."""
import torch


class Worker:
    def __init__(self):
        self.model = torch.nn.Linear(2, 1)
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=0.1)

    def train_steps(self, n):
        for _ in range(n):
            self.optimizer.zero_grad()
            self.model(torch.ones(4, 2)).sum().backward()
            self.optimizer.step()


def exploit(src, dst):
    dst.model.load_state_dict(src.model.state_dict())
    dst.optimizer.load_state_dict(src.optimizer.state_dict())


def main():
    a, b = Worker(), Worker()
    a.train_steps(2)
    exploit(a, b)
    b.train_steps(2)
    return a.optimizer

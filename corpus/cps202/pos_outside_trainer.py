"""CPS202 where an outside trainer changes the model: `Trainer(model, opt).train(n)` was given
the model and its optimizer, so the snapshot taken before it follows the weights.
"""
import torch


class Trainer:
    def __init__(self, model, optimizer):
        self.model = model
        self.optimizer = optimizer

    def train(self, steps):
        for _ in range(steps):
            self.optimizer.zero_grad()
            self.model(torch.ones(4, 2)).sum().backward()
            self.optimizer.step()


def main():
    model = torch.nn.Linear(2, 1)
    trainer = Trainer(model, torch.optim.SGD(model.parameters(), lr=0.1))
    start = model.state_dict()  # expect: CPS202
    trainer.train(3)
    model.load_state_dict(start)
    return model

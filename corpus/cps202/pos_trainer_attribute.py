"""CPS202: a snapshot kept on an attribute in one method and loaded in another, after training."""
import torch


class Trainer:
    def __init__(self, model, opt):
        self.model, self.opt = model, opt
        self.best_state = None

    def snapshot(self):
        self.best_state = self.model.state_dict()  # expect: CPS202

    def step(self, x):
        self.opt.zero_grad()
        self.model(x).sum().backward()
        self.opt.step()

    def restore(self):
        self.model.load_state_dict(self.best_state)


def main():
    model = torch.nn.Linear(2, 2)
    trainer = Trainer(model, torch.optim.SGD(model.parameters(), lr=0.1))
    trainer.snapshot()
    trainer.step(torch.ones(4, 2))
    trainer.restore()
    return model

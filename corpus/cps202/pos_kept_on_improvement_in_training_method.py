"""CPS202: the training method keeps the state_dict only when the loss improves; the next
call steps the module again without keeping it, so `restore` loads the latest weights,
not the best ones."""
import torch


class Trainer:
    def __init__(self):
        self.model = torch.nn.Linear(2, 1)
        self.opt = torch.optim.SGD(self.model.parameters(), lr=0.1)
        self.best_loss = float("inf")
        self.best_state = None

    def train_epoch(self, x):
        self.opt.zero_grad()
        loss = self.model(x).pow(2).mean()
        loss.backward()
        self.opt.step()
        if loss.item() < self.best_loss:
            self.best_loss = loss.item()
            self.best_state = self.model.state_dict()  # expect: CPS202

    def restore(self):
        self.model.load_state_dict(self.best_state)


def main():
    trainer = Trainer()
    trainer.train_epoch(torch.ones(4, 2))
    trainer.train_epoch(torch.full((4, 2), 9.0))
    trainer.restore()
    return trainer.model.weight

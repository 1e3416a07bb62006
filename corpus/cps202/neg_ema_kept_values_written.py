"""Near-miss of CPS202: an EMA helper keeps the live tensors of both modules as lists
(`list(m.state_dict().values())`) and writes both through them on every step: the ema
weights move toward the trained ones, the trained ones get a weight decay. The class writes
the kept tensors in place, which is the evidence that they are handles, not snapshots."""
# near-miss: CPS202
# runtime: mutated (copying the lists would stop the averaging and the decay: the point)
import torch


class WeightEMA:
    def __init__(self, model, ema_model, alpha=0.9):
        self.alpha = alpha
        self.params = list(model.state_dict().values())
        self.ema_params = list(ema_model.state_dict().values())
        for param, ema_param in zip(self.params, self.ema_params):
            param.data.copy_(ema_param.data)

    def step(self):
        for param, ema_param in zip(self.params, self.ema_params):
            ema_param.mul_(self.alpha)
            ema_param.add_(param * (1 - self.alpha))
            param.mul_(0.99)


def train(model, optimizer, ema):
    for _ in range(2):
        optimizer.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        optimizer.step()
        ema.step()


def main():
    model, ema_model = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    ema = WeightEMA(model, ema_model)
    for _ in range(2):
        train(model, optimizer, ema)
    return ema_model.state_dict(), model.state_dict()

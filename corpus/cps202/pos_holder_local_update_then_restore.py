"""CPS202: `before = self.worker.net.state_dict()`, then `self.worker.local_update(batch)`,
a method of the worker (not named as training) that steps the optimizer built on its `net`,
then the "restore" `load_state_dict(before)`: the kept dict is the updated weights, so the
probe update is never undone."""
import torch


class Worker:
    def __init__(self, net):
        self.net = net
        self.opt = torch.optim.SGD(self.net.parameters(), lr=0.5)

    def local_update(self, batch):
        x, y = batch
        self.opt.zero_grad()
        torch.nn.functional.mse_loss(self.net(x), y).backward()
        self.opt.step()


class Prober:
    def __init__(self, net):
        self.worker = Worker(net)

    def probe(self, batch):
        before = self.worker.net.state_dict()  # expect: CPS202
        self.worker.local_update(batch)
        gain = float(torch.nn.functional.mse_loss(self.worker.net(batch[0]), batch[1]))
        self.worker.net.load_state_dict(before)
        return gain


def main():
    torch.manual_seed(0)
    prober = Prober(torch.nn.Linear(3, 1))
    batch = (torch.randn(8, 3), torch.randn(8, 1))
    gains = [prober.probe(batch) for _ in range(3)]
    return gains, prober.worker.net.weight.detach().clone()

"""Shapes from a held-out sweep of code that keeps weights, in spellings written apart from the
repositories: kept parameter lists handed whole to an optimizer or a gradient clip in another
method (silent), and the same list read for its values (reported). Every line that must carry
a finding says so with `# expect: CODE`."""
from torch import nn, optim


class OptimizerOnly:
    def __init__(self, net):
        self.net = net
        self.anchor = [p for p in self.net.parameters()]

    def reset_optimizer(self, lr):
        self.opt = optim.SGD(self.anchor, lr=lr, momentum=0.9)

    def clip(self):
        nn.utils.clip_grad_norm_(self.anchor, 1.0)

    def fit(self, batches):
        for x, y in batches:
            self.opt.zero_grad()
            nn.functional.mse_loss(self.net(x), y).backward()
            self.clip()
            self.opt.step()


class ValuesRead:
    def __init__(self, net):
        self.net = net
        self.anchor = [p for p in self.net.parameters()]  # expect: CPS203

    def reset_optimizer(self, lr):
        self.opt = optim.SGD(self.anchor, lr=lr, momentum=0.9)

    def drift(self):
        return sum(float(p.sum()) for p in self.anchor)

    def fit(self, batches):
        for x, y in batches:
            self.opt.zero_grad()
            nn.functional.mse_loss(self.net(x), y).backward()
            self.opt.step()

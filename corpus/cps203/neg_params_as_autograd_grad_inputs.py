"""Near-miss of CPS203: `params = list(self.net.parameters())` is kept as the inputs of
`torch.autograd.grad(loss, params, create_graph=True)`: gradient matching learns synthetic
features so that the gradients they give the network match target gradients. The gradients must
be taken with respect to the very tensors that produced the loss, so the list is used by
identity, not read for its values; a clone is not in the graph (`autograd.grad` raises). The
optimizer steps the synthetic features only.
"""
# near-miss: CPS203
import torch
import torch.nn.functional as F


class FeatureMatcher:
    def __init__(self):
        torch.manual_seed(0)
        self.net = torch.nn.Linear(4, 3, bias=False)
        self.features = torch.randn(6, 4, requires_grad=True)
        self.labels = torch.tensor([0, 1, 2, 0, 1, 2])
        self.optimizer = torch.optim.SGD([self.features], lr=0.1)

    def match(self, target_grads, steps=3):
        params = list(self.net.parameters())
        for _ in range(steps):
            loss = F.cross_entropy(self.net(self.features), self.labels)
            grads = torch.autograd.grad(loss, params, create_graph=True)
            gap = sum(((g - t) ** 2).sum() for g, t in zip(grads, target_grads))
            self.optimizer.zero_grad()
            gap.backward()
            self.optimizer.step()
        return self.features.detach()


def main():
    matcher = FeatureMatcher()
    target = [torch.randn_like(p) for p in matcher.net.parameters()]
    return matcher.match(target)

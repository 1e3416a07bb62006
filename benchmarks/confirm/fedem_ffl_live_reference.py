"""omarfoq/FedEM@996fadd client.py:231 (FFLClient.step, q-FFL; a CPS202-kind miss).

Shape: the client takes `learners[0].model.state_dict()` as the reference, then the learner
(the only one: the class asserts a single learner) trains its model through an optimizer it
built in its own `__init__` (learners/learner.py), then the update is set as
`grad = coeff * (weights - reference)`. The reference holds the live tensors, so it equals the
trained weights and every q-FFL update is zero.
"""
import torch
from torch import nn


class Learner:
    def __init__(self, model):
        self.model = model
        self.optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    def fit_epochs(self, batches, n_epochs):
        for _ in range(n_epochs):
            for x, y in batches:
                self.optimizer.zero_grad()
                nn.functional.mse_loss(self.model(x), y).backward()
                self.optimizer.step()


def set_update_as_grad(learner, reference, coeff):
    """grad := coeff * (current - reference), over float tensors, as the repository's helper."""
    for name, tensor in learner.model.state_dict(keep_vars=True).items():
        if tensor.dtype == torch.float32:
            tensor.grad = coeff * (tensor.data.clone() - reference[name].data.clone())


torch.manual_seed(0)
learners = [Learner(nn.Linear(3, 1))]
batches = [(torch.randn(8, 3), torch.randn(8, 1)) for _ in range(4)]
before = {k: v.clone() for k, v in learners[0].model.state_dict().items()}
for learner in learners:
    reference = learners[0].model.state_dict()          # live
    learner.fit_epochs(batches, n_epochs=2)
    set_update_as_grad(learner, reference, coeff=1.0)
moved = max((learners[0].model.state_dict()[k] - before[k]).abs().max().item() for k in before)
update = torch.cat([p.grad.flatten() for p in learners[0].model.parameters()]).norm().item()
print("weights moved by training:", moved, "| q-FFL update norm:", update)
assert moved > 0 and update == 0.0
print("CONFIRMED: the live reference follows training, the update is identically zero")

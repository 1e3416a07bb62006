"""omarfoq/FedEM@996fadd client.py:231 (FFLClient.step, q-FFL): `initial_state_dict =
self.learners_ensemble[0].model.state_dict()` is taken as the reference before
`learner.fit_epochs(...)` trains that same model (n_learners == 1), then
`differentiate_learner` sets grad = coeff * (trained - reference). The reference holds live
tensors, so it equals the trained weights and every q-FFL update is zero."""
import torch
from torch import nn


class Learner:  # learners/learner.py: the optimizer is built on the learner's model
    def __init__(self, model):
        self.model = model
        self.optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    def fit_epochs(self, batches, n_epochs):
        for _ in range(n_epochs):
            for x, y in batches:
                self.optimizer.zero_grad()
                nn.functional.mse_loss(self.model(x), y).backward()
                self.optimizer.step()

    def get_grad_tensor(self):
        return torch.cat([p.grad.flatten() for p in self.model.parameters()])


def differentiate_learner(target, reference_state_dict, coeff=1.):  # utils/torch_utils.py
    target_state_dict = target.model.state_dict(keep_vars=True)
    for key in target_state_dict:
        if target_state_dict[key].data.dtype == torch.float32:
            target_state_dict[key].grad = \
                coeff * (target_state_dict[key].data.clone() - reference_state_dict[key].data.clone())


torch.manual_seed(0)
learner = Learner(nn.Linear(3, 1))
batches = [(torch.randn(8, 3), torch.randn(8, 1)) for _ in range(4)]
before = {k: v.clone() for k, v in learner.model.state_dict().items()}
initial_state_dict = learner.model.state_dict()          # as in client.py:231
learner.fit_epochs(batches, n_epochs=2)
differentiate_learner(learner, initial_state_dict, coeff=1.0)
moved = max((learner.model.state_dict()[k] - before[k]).abs().max().item() for k in before)
print("weights moved by training:", moved)
print("q-FFL update norm:", learner.get_grad_tensor().norm().item())
assert moved > 0 and learner.get_grad_tensor().norm().item() == 0.0
print("CONFIRMED: the live reference follows training, the update is identically zero")

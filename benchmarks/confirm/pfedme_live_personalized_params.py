"""CharlieDinh/pFedMe@caf24b1 FLAlgorithms/users/userpFedMe.py:50: `self.persionalized_model_bar,
_ = self.optimizer.step(self.local_model)` keeps `group['params']`, the live Parameter objects
of `self.model`, as the personalised model theta. `train` then ends with
`update_parameters(self.local_model)` (param.data = local.clone()), so when the server calls
`test_persionalized_model` (userbase.py:98) the "personalised" parameters already hold the
local model w: the personalised evaluation evaluates w."""
import copy

import torch
from torch import nn
from torch.optim import Optimizer


class pFedMeOptimizer(Optimizer):  # optimizers/fedoptimizer.py, as in the repository
    def __init__(self, params, lr=0.01, lamda=0.1, mu=0.001):
        super().__init__(params, dict(lr=lr, lamda=lamda, mu=mu))

    def step(self, local_weight_updated, closure=None):
        weight_update = local_weight_updated.copy()
        for group in self.param_groups:
            for p, localweight in zip(group['params'], weight_update):
                p.data = p.data - group['lr'] * (p.grad.data + group['lamda'] * (p.data - localweight.data) + group['mu'] * p.data)
        return group['params'], None


class UserpFedMe:  # users/userbase.py + users/userpFedMe.py, reduced
    def __init__(self, model, K=5, lamda=15, lr=0.01, plr=0.09):
        self.model, self.K, self.lamda, self.learning_rate = model, K, lamda, lr
        self.local_model = copy.deepcopy(list(self.model.parameters()))
        self.persionalized_model_bar = copy.deepcopy(list(self.model.parameters()))
        self.optimizer = pFedMeOptimizer(self.model.parameters(), lr=plr, lamda=lamda)

    def update_parameters(self, new_params):
        for param, new_param in zip(self.model.parameters(), new_params):
            param.data = new_param.data.clone()

    def train(self, X, y):
        for i in range(self.K):
            self.optimizer.zero_grad()
            nn.functional.mse_loss(self.model(X), y).backward()
            self.persionalized_model_bar, _ = self.optimizer.step(self.local_model)
        theta = [p.detach().clone() for p in self.persionalized_model_bar]  # what it holds now
        for new_param, localweight in zip(self.persionalized_model_bar, self.local_model):
            localweight.data = localweight.data - self.lamda * self.learning_rate * (localweight.data - new_param.data)
        self.update_parameters(self.local_model)
        return theta


torch.manual_seed(0)
user = UserpFedMe(nn.Linear(4, 1))
X, y = torch.randn(16, 4), torch.randn(16, 1)
theta = user.train(X, y)
user.update_parameters(user.persionalized_model_bar)  # test_persionalized_model
evaluated = [p.detach() for p in user.model.parameters()]
gap_theta = max((a - b).abs().max().item() for a, b in zip(evaluated, theta))
gap_local = max((a - b.detach()).abs().max().item() for a, b in zip(evaluated, user.local_model))
print("evaluated vs personalised theta:", gap_theta, "| evaluated vs local w:", gap_local)
assert gap_theta > 0 and gap_local == 0
print("CONFIRMED: the personalised evaluation runs the local model w, not theta")

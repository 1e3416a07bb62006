"""omarfoq/FedEM@996fadd utils/torch_utils.py:94 (partial_average, used by the decentralized
and personalised aggregators, aggregator.py:377 and :463): `target_state_dict[key].data = ...`
on `learner.model.state_dict()` (keep_vars=False) rebinds the storage of the *detached*
tensor the state_dict holds, not the parameter's: the intended write-through into the module
never happens, and the learners keep their weights."""
import torch
from torch import nn


def partial_average(learners, average_learner, alpha):  # as in the repository
    source_state_dict = average_learner.model.state_dict()
    target_state_dicts = [learner.model.state_dict() for learner in learners]
    for key in source_state_dict:
        if source_state_dict[key].data.dtype == torch.float32:
            for target_state_dict in target_state_dicts:
                target_state_dict[key].data = \
                    (1 - alpha) * target_state_dict[key].data + alpha * source_state_dict[key].data


class Learner:
    def __init__(self, model):
        self.model = model


torch.manual_seed(0)
learners = [Learner(nn.Linear(3, 1)) for _ in range(2)]
average = Learner(nn.Linear(3, 1))
with torch.no_grad():
    average.model.weight.fill_(10.0)
before = learners[0].model.weight.detach().clone()
partial_average(learners, average, alpha=0.5)
after = learners[0].model.weight.detach()
print("learner weight before:", before.tolist(), "after:", after.tolist())
assert torch.equal(before, after)
print("CONFIRMED: partial_average leaves the learners unchanged (the write went to a detached "
      "tensor's .data)")

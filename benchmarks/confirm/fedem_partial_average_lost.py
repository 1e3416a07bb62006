"""omarfoq/FedEM@996fadd utils/torch_utils.py:94 (partial_average, used by the APFL and the
L2GD aggregators, aggregator.py:377 and :463; a miss of a kind no rule covers).

Shape: the helper collects `learner.model.state_dict()` (keep_vars False: detached tensors)
and assigns `sd[key].data = (1 - alpha) * sd[key].data + alpha * avg[key].data`. Assigning
`.data` on the detached tensor swaps that tensor's storage only; the module's parameter keeps
its own, so the learners never move towards the average. (The sibling helper in the same file
uses keep_vars=True and in-place ops, which do reach the module.)
"""
import torch
from torch import nn


def mix_towards(models, average, alpha):
    targets = [m.state_dict() for m in models]
    for key, value in average.state_dict().items():
        if value.dtype == torch.float32:
            for sd in targets:
                sd[key].data = (1 - alpha) * sd[key].data + alpha * value.data


torch.manual_seed(0)
models = [nn.Linear(3, 1) for _ in range(2)]
average = nn.Linear(3, 1)
with torch.no_grad():
    average.weight.fill_(10.0)
before = models[0].weight.detach().clone()
mix_towards(models, average, alpha=0.5)
print("weight before:", before.tolist(), "after:", models[0].weight.detach().tolist())
assert torch.equal(before, models[0].weight.detach())
print("CONFIRMED: the models are unchanged (the write went to a detached tensor's .data)")

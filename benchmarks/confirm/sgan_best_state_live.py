"""agrimgupta92/sgan@691231e scripts/train.py:316,317,322,323 (CPS202 miss).

Shape: at each checkpoint the loop stores `checkpoint['g_best_state'] = generator.state_dict()`
only when the validation ADE is a new low, then `checkpoint['g_state'] = generator.state_dict()`
(always) and `torch.save(checkpoint, '<name>_with_model.pt')`. The best entry aliases the live
parameters, so every later checkpoint that is not a new low writes the *current* weights under
`g_best_state` (and `d_best_state`, `g_best_nl_state`, `d_best_nl_state`): the file's "best"
model is the latest one.
"""
import io

import torch
from torch import nn

torch.manual_seed(0)
generator = nn.Linear(4, 2)
optimizer = torch.optim.Adam(generator.parameters(), lr=0.05)
x, y = torch.randn(32, 4), torch.randn(32, 2)
checkpoint = {"g_best_state": None, "g_state": None, "metrics_val": []}
truly_best = None
for t, ade in enumerate([0.9, 0.5, 0.7, 0.8]):  # best at the second checkpoint
    optimizer.zero_grad()
    nn.functional.mse_loss(generator(x), y).backward()
    optimizer.step()
    checkpoint["metrics_val"].append(ade)
    if ade == min(checkpoint["metrics_val"]):
        checkpoint["g_best_state"] = generator.state_dict()
        truly_best = {k: v.clone() for k, v in generator.state_dict().items()}
    checkpoint["g_state"] = generator.state_dict()
    buffer = io.BytesIO()
    torch.save(checkpoint, buffer)  # '<name>_with_model.pt'

on_disk = torch.load(io.BytesIO(buffer.getvalue()))
gap = max((on_disk["g_best_state"][k] - truly_best[k]).abs().max().item() for k in truly_best)
same = all(torch.equal(on_disk["g_best_state"][k], on_disk["g_state"][k]) for k in truly_best)
print(f"saved g_best_state differs from the best checkpoint's weights by {gap:.4f}; "
      f"equal to g_state: {same}")
assert gap > 0 and same
print("CONFIRMED: the saved 'best' generator is the latest one")

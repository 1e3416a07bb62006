"""KarhouTam/FL-bench@60e1444 src/client/fedprox.py:11 (fixed upstream in d869d61, "Add necessary
tensor copy operation in FedProx"): `global_params = list(self.model.parameters())` is the
proximal anchor, but it holds the live Parameters that the optimizer steps, so
`w.data - w_t.data` is always zero and FedProx trains as FedAvg."""
import torch
from torch import nn


def fit(model, batches, mu, anchor_copy):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    if anchor_copy:
        global_params = [w_t.detach().clone() for w_t in model.parameters()]  # the fix
    else:
        global_params = list(model.parameters())                              # as at 60e1444
    prox = []
    for x, y in batches:
        loss = nn.functional.mse_loss(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        prox.append(max((w.data - w_t.data).abs().max().item()
                        for w, w_t in zip(model.parameters(), global_params)))
        for w, w_t in zip(model.parameters(), global_params):
            if w.requires_grad:
                w.grad.data += mu * (w.data - w_t.data)
        optimizer.step()
    return max(prox)


torch.manual_seed(0)
batches = [(torch.randn(8, 3), torch.randn(8, 1)) for _ in range(5)]
live = fit(nn.Linear(3, 1), batches, mu=1.0, anchor_copy=False)
torch.manual_seed(0)
copied = fit(nn.Linear(3, 1), batches, mu=1.0, anchor_copy=True)
print("largest proximal difference, live anchor:", live, "| copied anchor:", copied)
assert live == 0.0 and copied > 0
print("CONFIRMED: with the live anchor the proximal term is always zero")

"""Near-miss of CPS202: the FedNova client of the positive case keeps
`copy.deepcopy(model.state_dict())` as the weights the round starts from: the normalised
update `(w0[k] - w[k]) / a` is the real local change."""
# near-miss: CPS202
import copy

import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2)
    x, y = torch.randn(16, 4), torch.randn(16, 2)
    tau, rho = 5, 0.9
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=rho)
    w0 = copy.deepcopy(model.state_dict())
    for _ in range(tau):
        optimizer.zero_grad()
        F.mse_loss(model(x), y).backward()
        optimizer.step()
    a = sum(rho ** j for j in range(tau))
    normalised = {k: (w0[k] - v) / a for k, v in model.state_dict().items()}
    return model, normalised

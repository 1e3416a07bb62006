"""CPS202 in a FedNova client: `w0 = model.state_dict()` keeps the live weights the round
starts from, and after `tau` local momentum steps the normalised update reads
`(w0[k] - model.state_dict()[k]) / a`. The kept dict followed the steps: the update the
server averages is zero."""
import torch
import torch.nn.functional as F


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2)
    x, y = torch.randn(16, 4), torch.randn(16, 2)
    tau, rho = 5, 0.9
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=rho)
    w0 = model.state_dict()  # expect: CPS202
    for _ in range(tau):
        optimizer.zero_grad()
        F.mse_loss(model(x), y).backward()
        optimizer.step()
    a = sum(rho ** j for j in range(tau))
    normalised = {k: (w0[k] - v) / a for k, v in model.state_dict().items()}
    return model, normalised

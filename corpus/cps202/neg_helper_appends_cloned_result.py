"""Near-miss of CPS202: `record(results, weights, n)` appends a new dict holding what it is
given, and the caller gives it a copy of each tensor: every round keeps its own weights."""
# near-miss: CPS202
import torch


def record(results, weights, n):
    results.append({"weights": weights, "n": n})


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    results = []
    for r in range(3):
        opt.zero_grad()
        model(torch.full((4, 2), float(r + 1))).sum().backward()
        opt.step()
        record(results, {k: v.clone() for k, v in model.state_dict().items()}, 4)
    return model, results

"""CPS202: `record(results, weights, n)` appends a new dict `{"weights": weights, "n": n}` to
the caller's list; the weights are `model.state_dict()` of one model trained round after
round, so every kept round's weights follow the last round's."""
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
        record(results, model.state_dict(), 4)  # expect: CPS202
    return model, results

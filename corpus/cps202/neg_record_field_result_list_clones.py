"""Near-miss of CPS202: the dict appended to the list a record's field holds is of clones,
so every round keeps its own weights."""
# near-miss: CPS202
import torch


class Entry:
    def __init__(self, rounds):
        self.rounds = rounds


def log(rounds, weights):
    rounds.append({"weights": weights})


def main():
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    history = []
    for r in range(3):
        opt.zero_grad()
        model(torch.full((4, 2), float(r + 1))).sum().backward()
        opt.step()
        entry = Entry(history)
        log(entry.rounds, {k: v.clone() for k, v in model.state_dict().items()})
    return model, history

"""CPS202: each round, `log(entry.rounds, model.state_dict())` appends a new dict holding the
live state_dict to the list a record's field holds (`entry = Entry(history)`); the next
round reads that list again through the field, after training changed the kept tensors."""
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
        log(entry.rounds, model.state_dict())  # expect: CPS202
    return model, history

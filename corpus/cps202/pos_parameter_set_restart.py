"""CPS202: restarts from kept start weights through `weight.set_(start["weight"])`: the
Parameter now views the kept tensor, so training the restarted module changes `start` and the
second restart begins where the first one ended."""
import torch


def main():
    model = torch.nn.Linear(4, 2)
    start = {k: v.clone() for k, v in model.state_dict().items()}
    history = []
    for _ in range(2):
        with torch.no_grad():
            model.weight.set_(start["weight"])  # expect: CPS202
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for _ in range(3):
            optimizer.zero_grad()
            model(torch.ones(8, 4)).pow(2).sum().backward()
            optimizer.step()
        history.append(model.weight.detach().clone())
    return history

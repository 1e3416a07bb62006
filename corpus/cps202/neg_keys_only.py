"""Near-miss of CPS202: a state_dict kept across training, of which only the keys are read.

`reference.keys()` after training observes names, not the live values: nothing to report.
"""
# near-miss: CPS202
import torch


def main():
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    reference = model.state_dict()  # before training
    for _ in range(2):
        opt.zero_grad()
        model(torch.ones(4, 2)).sum().backward()
        opt.step()
    same_names = list(reference.keys()) == list(model.state_dict().keys())
    return same_names, len(reference), "weight" in reference, model

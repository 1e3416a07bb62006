"""A lottery-ticket rewind by `param.data = init[name]`: the Parameter adopts the kept
tensor itself, so training changes `init`, and the checkpoint of the initial weights saved
at the end holds trained ones."""
import copy
import io

import torch


def main():
    model = torch.nn.Linear(4, 2)
    init = copy.deepcopy(model.state_dict())
    for level in range(2):
        for name, param in model.named_parameters():
            param.data = init[name]  # expect: CPS202
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
        for _ in range(2):
            optimizer.zero_grad()
            model(torch.ones(4, 4)).sum().backward()
            optimizer.step()
    torch.save(init, io.BytesIO())


main()

"""CPS201: `torch.add(..., out=sd[k])` writes into the module's tensor."""
import io

import torch


def main():
    model = torch.nn.Linear(2, 2)
    sd = model.state_dict()
    torch.add(sd["bias"], 1.0, out=sd["bias"])  # expect: CPS201
    buffer = io.BytesIO()
    torch.save(sd, buffer)
    return model, buffer

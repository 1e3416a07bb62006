"""CPS201: `sd[k] *= 0.5` before saving changes the live module as well."""
import io

import torch


def main():
    model = torch.nn.Linear(2, 2)
    sd = model.state_dict()
    sd["weight"] *= 0.5  # expect: CPS201
    buffer = io.BytesIO()
    torch.save(sd, buffer)
    return model, buffer
